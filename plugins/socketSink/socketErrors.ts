/** glibc's strerror() texts for the socket errors Node reports by code. */
const STRERROR: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EMSGSIZE: 'Message too long',
  ENOBUFS: 'No buffer space available',
  EACCES: 'Permission denied',
};

export function socketStrerror(code: string, message: string): string {
  return STRERROR[code] ?? message;
}
