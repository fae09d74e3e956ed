// @stride/mqtt's entries: the root entry is the protocol core (no rxjs, @stride/rx or node:net in its
// module graph); `rx` and `client` use them, as optional peers (test/support/protocol-entries.ts).
import { describeProtocolEntries } from '../../../test/support/protocol-entries.js';

describeProtocolEntries('@stride/mqtt', new URL('../', import.meta.url));
