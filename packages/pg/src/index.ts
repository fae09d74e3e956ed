/**
 * @stride/pg: the PostgreSQL frontend/backend protocol 3.0 on @stride/codec.
 */
export {};
