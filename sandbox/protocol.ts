/**
 * AWS wire-protocol helpers: who a request is for (SigV4 credential scope, X-Amz-Target, S3
 * host), what operation it is, and how each protocol family spells an error.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** `X-Amz-Target` prefix of every ECS JSON 1.1 operation. */
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

/** Wire-protocol families, as far as error shapes are concerned. */
export type Protocol = 'json' | 'query' | 'ec2' | 'rest-xml' | 'rest-json';

/** The SigV4 credential scope of a request: `AKID/20250101/us-east-1/ecs/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/**
 * Reads the credential scope from the `Authorization` header, or from `X-Amz-Credential` in the
 * query string (presigned URLs). The signature itself is never checked.
 */
export function parseCredentialScope(headers: IncomingHttpHeaders, url: URL): CredentialScope | undefined {
  const auth = headers.authorization;
  const fromHeader = typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined;
  const raw = fromHeader ?? url.searchParams.get('X-Amz-Credential') ?? undefined;
  if (!raw) return undefined;
  const parts = raw.split('/');
  if (parts.length < 5) return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  return { accessKeyId, date, region, service: service.toLowerCase() };
}

/**
 * If `host` addresses an S3 bucket virtual-host style on the loopback endpoint
 * (`bucket.localhost:4566`, `bucket.s3.localhost:4566`, `bucket.s3.us-east-1.localhost:4566`),
 * returns the bucket name so the request can be rewritten to path style for moto.
 */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const m = /^(.+?)\.(?:s3\.(?:[a-z0-9-]+\.)?)?localhost$/.exec(name);
  if (!m || m[1] === 's3') return undefined;
  return m[1];
}

/** Decides which error shape a (proxied) request expects. */
export function detectProtocol(headers: IncomingHttpHeaders, service: string, url: URL): Protocol {
  if (headers['x-amz-target']) return 'json';
  if (service === 'ec2') return 'ec2';
  if (service === 's3') return 'rest-xml';
  const ct = String(headers['content-type'] ?? '');
  if (ct.startsWith('application/x-www-form-urlencoded') || url.searchParams.has('Action')) return 'query';
  return 'rest-json';
}

/**
 * Best-effort operation name for the request log and fault matching. JSON protocols name it in
 * `X-Amz-Target`, query protocols in `Action`; REST protocols are inferred (S3) or reported as
 * `METHOD /path`.
 */
export function inferOperation(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  service: string,
  formBody?: string,
): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.indexOf('.') + 1);
  const action = url.searchParams.get('Action') ?? (formBody ? new URLSearchParams(formBody).get('Action') : null);
  if (action) return action;
  if (service === 's3') return s3Operation(method, url, headers);
  return `${method} ${url.pathname}`;
}

const S3_SUBRESOURCES = [
  'tagging', 'policy', 'versioning', 'acl', 'cors', 'lifecycle', 'encryption', 'website',
  'logging', 'notification', 'replication', 'ownershipControls', 'publicAccessBlock', 'location',
];

// S3 operations are implied by method, path depth and sub-resource; good enough for the log.
function s3Operation(method: string, url: URL, headers: IncomingHttpHeaders): string {
  const segments = url.pathname.split('/').filter(Boolean);
  const q = url.searchParams;
  if (segments.length === 0) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  if (segments.length === 1) {
    const sub = S3_SUBRESOURCES.find((s) => q.has(s));
    if (sub) {
      const verb = method === 'GET' ? 'Get' : method === 'DELETE' ? 'Delete' : 'Put';
      const name = sub === 'location' ? 'Location' : sub[0]!.toUpperCase() + sub.slice(1);
      return `${verb}Bucket${name}`;
    }
    if (method === 'POST' && q.has('delete')) return 'DeleteObjects';
    const ops: Record<string, string> = {
      PUT: 'CreateBucket',
      DELETE: 'DeleteBucket',
      HEAD: 'HeadBucket',
      GET: q.get('list-type') === '2' ? 'ListObjectsV2' : q.has('versions') ? 'ListObjectVersions' : 'ListObjects',
    };
    return ops[method] ?? `${method} /${segments[0]}`;
  }
  if (q.has('tagging')) return method === 'GET' ? 'GetObjectTagging' : method === 'DELETE' ? 'DeleteObjectTagging' : 'PutObjectTagging';
  if (method === 'PUT') return q.has('partNumber') ? 'UploadPart' : headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  if (method === 'POST') return q.has('uploads') ? 'CreateMultipartUpload' : q.has('uploadId') ? 'CompleteMultipartUpload' : 'PostObject';
  if (method === 'DELETE') return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  return ({ GET: 'GetObject', HEAD: 'HeadObject' } as Record<string, string>)[method] ?? method;
}

/** An error to put on the wire. */
export interface WireError {
  status: number;
  code: string;
  message: string;
  requestId: string;
  /** For JSON protocols: echo the request's `application/x-amz-json-1.x`. */
  contentType?: string;
}

/** The error codes each protocol family uses for throttling. */
export function throttleError(protocol: Protocol): { status: number; code: string; message: string } {
  switch (protocol) {
    case 'json':
      return { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' };
    case 'query':
      return { status: 400, code: 'Throttling', message: 'Rate exceeded' };
    case 'ec2':
      return { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' };
    case 'rest-xml':
      return { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };
    case 'rest-json':
      return { status: 429, code: 'TooManyRequestsException', message: 'Rate exceeded' };
  }
}

/** The error code each protocol family uses for a 500 or 503. */
export function serverErrorCode(protocol: Protocol, status: number, service: string): string {
  const unavailable = status === 503;
  switch (protocol) {
    case 'json':
      return unavailable ? 'ServiceUnavailableException' : service === 'ecs' ? 'ServerException' : 'InternalFailure';
    case 'query':
      return unavailable ? 'ServiceUnavailable' : 'InternalFailure';
    case 'ec2':
      return unavailable ? 'Unavailable' : 'InternalError';
    case 'rest-xml':
      return unavailable ? 'ServiceUnavailable' : 'InternalError';
    case 'rest-json':
      return unavailable ? 'ServiceUnavailableException' : 'InternalFailure';
  }
}

const xmlEscape = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Writes `err` in the shape the protocol's SDK deserialisers expect, so `err.name === code`. */
export function writeWireError(res: ServerResponse, protocol: Protocol, err: WireError): void {
  let body: string;
  const headers: Record<string, string> = {};
  const code = xmlEscape(err.code);
  const message = xmlEscape(err.message);
  switch (protocol) {
    case 'json':
      // AWS JSON 1.0/1.1: the SDK takes the code from `__type` (after any `#`) and `message`.
      headers['content-type'] = err.contentType ?? 'application/x-amz-json-1.1';
      body = JSON.stringify({ __type: err.code, message: err.message });
      break;
    case 'rest-json':
      headers['content-type'] = 'application/json';
      headers['x-amzn-errortype'] = err.code;
      body = JSON.stringify({ message: err.message });
      break;
    case 'query': {
      const type = err.status >= 500 ? 'Receiver' : 'Sender';
      headers['content-type'] = 'text/xml';
      body = `<ErrorResponse xmlns="https://sandbox.ecsx/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${err.requestId}</RequestId></ErrorResponse>`;
      break;
    }
    case 'ec2':
      headers['content-type'] = 'text/xml;charset=UTF-8';
      body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${err.requestId}</RequestID></Response>`;
      break;
    case 'rest-xml':
      headers['content-type'] = 'application/xml';
      body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${err.requestId}</RequestId></Error>`;
      break;
  }
  headers['x-amzn-RequestId'] = err.requestId;
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(err.status, headers);
  res.end(body);
}

/** Serialises a JSON-protocol success body; `Date`s become epoch seconds as AWS sends them. */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

/** Pulls the error code out of an upstream error response (header, JSON `__type`, XML `<Code>`). */
export function extractErrorCode(headers: IncomingHttpHeaders, body: string): string | undefined {
  const header = headers['x-amzn-errortype'];
  if (typeof header === 'string' && header) return sanitizeCode(header);
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const code = parsed.__type ?? parsed.code ?? parsed.Code;
      if (typeof code === 'string') return sanitizeCode(code);
    } catch {
      // A truncated or non-JSON body: fall through to the XML probe.
    }
  }
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
}

// Same rule as the SDK: `aws.protocoltests#FooError:http://...` → `FooError`.
function sanitizeCode(code: string): string {
  return code.split(':')[0]!.split('#').pop()!;
}
