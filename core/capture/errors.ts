/** A libpcap open failure; the message is libpcap's errbuf text. */
export class LibpcapOpenError extends Error {}

/**
 * A fatal capture-opening failure. `message` is T2's exact stderr text
 * without the `[ERR] ` prefix; T2 exits with rc 1 after printing it.
 */
export class CaptureOpenError extends Error {}
