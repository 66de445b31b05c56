/** glibc's strerror() texts, which T2's messages carry, for the error codes Node reports. */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  ENXIO: 'No such device or address',
  EIO: 'Input/output error',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EMSGSIZE: 'Message too long',
  ENOBUFS: 'No buffer space available',
};

/** The text for an error code, else Node's message. */
export function strerrorOf(code: string, message: string): string {
  return STRERROR[code] ?? message;
}

/** The text for a Node error, else its message without Node's code prefix and path suffix. */
export function strerror(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known = err.code ? STRERROR[err.code] : undefined;
  if (known) return known;
  const text = err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
