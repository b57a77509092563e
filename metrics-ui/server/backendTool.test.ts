import { describe, expect, it } from 'vitest';
import { parseCallOutput, parseParcelOutput, toolComplaint } from './backendTool.ts';

describe('reading the back-end tool\'s output', () => {
  it('reads call\'s status line and JSON body', () => {
    expect(parseCallOutput('HTTP 200\n{"total":12,"free":9}\n')).toEqual({ status: 200, body: { total: 12, free: 9 } });
    expect(parseCallOutput('HTTP 401\n{"error":"unauthorized","message":"no"}\n'))
      .toEqual({ status: 401, body: { error: 'unauthorized', message: 'no' } });
  });

  it('keeps a body that is not JSON as text, and an empty one as empty', () => {
    expect(parseCallOutput('HTTP 502\n<html>bad gateway</html>\n')).toEqual({ status: 502, body: '<html>bad gateway</html>' });
    expect(parseCallOutput('HTTP 204\n')).toEqual({ status: 204, body: '' });
  });

  it('sees no reply when the tool printed no status line', () => {
    expect(parseCallOutput('')).toBeNull();
    expect(parseCallOutput('usage: ...')).toBeNull();
  });

  it('reads parcel --json\'s one line', () => {
    const line = '{"status":201,"reply":{"id":7,"status":"ARRIVING"},"codes":{"deposit_code":"1","pickup_code":"2","backup_code":"3"}}';
    expect(parseParcelOutput(line + '\n')).toEqual(JSON.parse(line));
    expect(parseParcelOutput('{"status":409,"reply":{"error":"door_busy"}}')).toEqual({ status: 409, reply: { error: 'door_busy' } });
    expect(parseParcelOutput('')).toBeNull();
    expect(parseParcelOutput('{"reply":{}}')).toBeNull();
  });

  it('names why the tool failed from its stderr, without its tag', () => {
    expect(toolComplaint({ exitCode: 1, stdout: '', timedOut: false,
      stderr: 'backend-tool: could not read the key file x.pem\n' })).toBe('could not read the key file x.pem');
    expect(toolComplaint({ exitCode: 137, stdout: '', stderr: '', timedOut: true })).toBe('the back-end tool did not finish in time');
    expect(toolComplaint({ exitCode: 3, stdout: '', stderr: 'Error: main class not found', timedOut: false }))
      .toBe('the back-end tool exited with code 3');
  });
});
