/**
 * @stride/redis/rx: the RESP reader as an RxJS operator (`parse` from @stride/rx over
 * `RespReader`). The package's root entry needs neither rxjs nor @stride/rx; this entry does
 * (optional peer dependencies).
 */
export { respValues } from './resp-values.js';
