/**
 * @stride/pg/rx: the PostgreSQL reader as an RxJS operator (`parse` from @stride/rx over
 * `PgReader`). The package's root entry needs neither rxjs nor @stride/rx; this entry does
 * (optional peer dependencies).
 */
export { pgMessages } from './pg-messages.js';
