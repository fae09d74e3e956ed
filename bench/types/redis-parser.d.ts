// redis-parser 3.0.0 ships no type declarations: its one export, as bench/suites/redis.ts uses it.
declare module 'redis-parser' {
  interface ParserOptions {
    /** Each reply but errors: a number, a string (a Buffer with returnBuffers), null, or an array. */
    returnReply(reply: unknown): void;
    /** Each error reply, as a ReplyError. */
    returnError(error: Error): void;
    /** A protocol error (a bad type byte); returnError when absent. */
    returnFatalError?(error: Error): void;
    /** Simple and bulk strings as Buffers (views of the input where a value lies in one chunk). */
    returnBuffers?: boolean;
    /** Integers as strings. */
    stringNumbers?: boolean;
  }
  /** The RESP2 parser of node-redis 3 and ioredis: execute() per chunk, replies through the callbacks. */
  class JavascriptRedisParser {
    constructor(options: ParserOptions);
    execute(buffer: Buffer): void;
    reset(): void;
  }
  export = JavascriptRedisParser;
}
