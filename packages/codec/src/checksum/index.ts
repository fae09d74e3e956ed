export {
  type ChecksumFunction,
  ChecksummedCodec,
  type ChecksumOptions,
  checksummed,
  crc32,
} from './checksum.js';
