/**
 * The TCP layer decodePacket returns: the header's fixed fields decoded at once, the options (checked
 * at once) decoded from the packet's bytes the first time they are read.
 */
import type { ChecksumStatus } from './checksum.js';
import { readTcpOptions } from './tcp-options.js';
import type { TcpHeader, TcpOption } from './transport-schemas.js';
import type { TcpLayer } from './types.js';

export class TcpSegmentLayer implements TcpLayer {
  readonly type = 'tcp';
  readonly #data: Uint8Array;
  #options: TcpOption[] | undefined;

  constructor(
    data: Uint8Array,
    readonly offset: number,
    readonly header: TcpHeader,
    readonly headerLength: number,
    readonly checksum: ChecksumStatus,
  ) {
    this.#data = data;
  }

  get options(): TcpOption[] {
    this.#options ??= readTcpOptions(this.#data, this.offset, this.headerLength / 4);
    return this.#options;
  }

  /** The plain object (`options` included), as JSON and `toEqual` see the layer. */
  toJSON(): TcpLayer {
    const { type, offset, header, options, headerLength, checksum } = this;
    return { type, offset, header, options, headerLength, checksum };
  }
}
