import http from 'node:http';
import https from 'node:https';

export interface Fetched {
  readonly status: number;
  readonly body: string;
}

/** One GET through the given agent with Node's own client; rejects with whatever stopped it. */
export function fetchThrough(url: string | http.RequestOptions, agent: http.Agent, secure = typeof url === 'string' && url.startsWith('https:')): Promise<Fetched> {
  const transport = secure ? https : http;
  return new Promise((resolve, reject) => {
    const callback = (response: http.IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    };
    const request = typeof url === 'string' ? transport.get(url, { agent }, callback) : transport.get({ ...url, agent }, callback);
    request.on('error', reject);
  });
}
