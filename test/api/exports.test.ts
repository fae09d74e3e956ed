/**
 * The run-time names each package entry exports. A name added or removed here is a change of the
 * public API: make it on purpose, with its README (plumbing stays inside its package).
 */
import { describe, expect, it } from 'vitest';

const entries: Record<string, () => Promise<object>> = {
  '@stride/view': () => import('@stride/view'),
  '@stride/codec': () => import('@stride/codec'),
  '@stride/rx': () => import('@stride/rx'),
  '@stride/png': () => import('@stride/png'),
  '@stride/png/rx': () => import('@stride/png/rx'),
  '@stride/pg': () => import('@stride/pg'),
  '@stride/pg/rx': () => import('@stride/pg/rx'),
  '@stride/pg/client': () => import('@stride/pg/client'),
  '@stride/redis': () => import('@stride/redis'),
  '@stride/redis/rx': () => import('@stride/redis/rx'),
  '@stride/redis/client': () => import('@stride/redis/client'),
  '@stride/mqtt': () => import('@stride/mqtt'),
  '@stride/mqtt/rx': () => import('@stride/mqtt/rx'),
  '@stride/mqtt/client': () => import('@stride/mqtt/client'),
  '@stride/pcap': () => import('@stride/pcap'),
  '@stride/pcap/protocols': () => import('@stride/pcap/protocols'),
  '@stride/ksy': () => import('@stride/ksy'),
  '@stride/ksy/kst': () => import('@stride/ksy/kst'),
  '@stride/cli': () => import('@stride/cli'),
};

const expected: Record<keyof typeof entries, string> = {
  '@stride/view': `BufferChain BufferError ChainCursor DecodeError EncodeError IncompleteError IndexError
    MemoryView NotImplementedError OffsetError OverflowError UnicodeEncodeError ValidationError ValueError
    halfToNumber memoryview numberToHalf`,
  '@stride/codec': `ChecksumError Codec ConstantError DecodeError Decoder EncodeError Encoder IncompleteError
    LimitError OffsetError StreamDecoder TagError TrailingBytesError ValidationError align array bits bool
    bool8 bytes bytesOf charTag checksummed configure crc32 cstring decimal decode defaultLimits defineCodec encode
    f16be f16le f32be f32le f64be f64le i16be i16le i32be i32le i64be i64beNumber i64le i64leNumber i8 lazy
    literal magic nullable optional padding peek peekTag pointer refine select sizeOf sized sleb128
    sleb128Big string struct taggedUnion transform tuple u16be u16le u32be u32le u64be u64beNumber u64le
    u64leNumber u8 uleb128 uleb128Big when zigzag zigzagBig`,
  '@stride/rx': `ParseStream createParseStream decodeRecords encodeRecords fromAsyncIterable fromReadable
    fromWebStream parse parseAsyncIterable toWritable`,
  '@stride/png': `ActlSchema BkgdSchemas ChrmSchema ChunkSequencer CicpSchema ClliSchema ExifSchema FctlSchema
    FdatSchema GamaSchema HistSchema IccpSchema IhdrSchema ItxtSchema MAX_CHUNK_DATA
    MdcvSchema PNG_SIGNATURE PhysSchema PlteSchema PngEncodeErrorCode PngError PngErrorCode PngReader
    PngWarningCode SbitSchemas SpltSchema SrgbSchema TextSchema TimeSchema TrnsSchemas ZtxtSchema
    adam7Passes allowedBitDepths checkChunkType chunkProperties decodeChunkFields defaultPngLimits
    encodeChunk encodeChunkFields encodePng imageDataSize isKnownChunkType isStandardChunkType
    standardChunkTypes validatePng`,
  '@stride/png/rx': 'collectReport encodePngChunks pngBytes pngChunks readPng',
  '@stride/pg': `BACKEND_CODES FRONTEND_CODES PROTOCOL_3_0 PgError PgErrorCode PgReader arrayOf
    authenticationResponse backendMessage backendMessageBytes codecFor encodeBackend encodeFrontend
    fallbackBinary fallbackText frontendMessage pgTypes sslResponse startupMessage typeOf`,
  '@stride/pg/rx': 'pgMessages',
  '@stride/pg/client': `FIXED_PARAMETERS PgClientError PgClientErrorCode PgConnectionError PgParam
    PgServerError connect typed`,
  '@stride/redis': `RedisErrorCode RedisReplyError RespReader TYPE_BYTES encodeCommand encodeRequest encodeValue
    plain`,
  '@stride/redis/rx': 'respValues',
  '@stride/redis/client': 'RedisClientError RedisConnectionError connect',
  '@stride/mqtt': `MAX_PACKET_SIZE MqttErrorCode MqttReader PACKET_TYPES PacketWriter encodePacket packetCodec
    reasonCodeName reasonCodeOf`,
  '@stride/mqtt/rx': 'mqttPackets',
  '@stride/mqtt/client': 'MqttClientError MqttConnectionError connect',
  '@stride/pcap': `AF_INET AF_INET6 AuthenticationHeader CaptureReader CaptureWriter DEFAULT_MAX_SNAP_LENGTH
    DissectionCollector Dissector EtherType EthernetHeader FrameIndex IpProtocol Ipv4Header Ipv4Option
    Ipv4Reassembler Ipv6FragmentHeader Ipv6Header Ipv6OptionsHeader LayerError LayerErrorCode LayerProblemCode
    LinkType PcapError PcapErrorCode PcapWarningCode ReassemblyDropCode Sll2Header SllHeader TcpHeader TcpOption
    TcpReassembler TcpWarningCode UdpHeader VlanTag checkRules chooseProtocol connectionJson decodePacket dissect
    dissectionJson endpoint fold ipv4Address ipv4Options ipv4Text ipv6Address ipv6Text macAddress macText
    parseDecodeRule parseIpv4 portOf pseudoHeaderSum segmentOf sumWords tcpOptions`,
  '@stride/pcap/protocols': 'PROTOCOLS mqtt postgresql redis toJson',
  '@stride/ksy': `KAITAI_ERROR KsyDecodeError KsyDecodeErrorCode KsyError KsyErrorCode KsyStream decodedMembers isCycle
    loadKsy toJson typeDeclarations`,
  '@stride/ksy/kst': 'parseKst runKst runKstDir sameValue',
  '@stride/cli': 'EXIT_INVALID EXIT_OK EXIT_OUTPUT EXIT_USAGE UsageError run usage',
};

describe('package entries', () => {
  for (const [entry, load] of Object.entries(entries)) {
    it(`${entry} exports exactly the reviewed names`, async () => {
      const names = Object.keys(await load()).sort();
      expect(names).toEqual((expected[entry] as string).split(/\s+/).sort());
    });
  }

  it('codec exports no plumbing: sources, states, codec classes, helpers', async () => {
    const codec = await import('@stride/codec');
    for (const name of [
      'DecodeState',
      'EncodeState',
      'FlatSource',
      'ChainSource',
      'Source',
      'FixedNumber',
      'Safe64',
      'hex',
      'formatPath',
      'StructCodec',
      'Delimiter',
    ])
      expect(Object.keys(codec), name).not.toContain(name);
  });
});
