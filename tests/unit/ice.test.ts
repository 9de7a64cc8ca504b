import { describe, expect, it } from 'vitest';
import { formatIceServer, parseIceServer } from '../../src/sync/ice';
import { iceServerSchema } from '../../src/sync/registry';

// The settings' STUN/TURN lines (docs/sync.md): `stun:host:port`, or `turn:host:port username credential`.

describe('parseIceServer', () => {
  it('reads STUN servers as a URL alone', () => {
    expect(parseIceServer('stun:stun.example.org:3478')).toEqual({ urls: 'stun:stun.example.org:3478' });
    expect(parseIceServer('stuns:stun.example.org:5349')).toEqual({ urls: 'stuns:stun.example.org:5349' });
    expect(parseIceServer('stun:[2001:db8::1]:3478')).toEqual({ urls: 'stun:[2001:db8::1]:3478' });
  });

  it('reads TURN servers with their username and credential', () => {
    expect(parseIceServer('turn:turn.example.org:3478 genova s3cret')).toEqual({ urls: 'turn:turn.example.org:3478', username: 'genova', credential: 's3cret' });
    expect(parseIceServer('turns:turn.example.org:5349?transport=tcp genova s3cret')).toEqual({
      urls: 'turns:turn.example.org:5349?transport=tcp',
      username: 'genova',
      credential: 's3cret',
    });
  });

  it('allows any spaces or tabs around and between the parts', () => {
    expect(parseIceServer('   stun:stun.example.org:3478 \t')).toEqual({ urls: 'stun:stun.example.org:3478' });
    expect(parseIceServer('\tturn:turn.example.org:3478   genova \t s3cret  ')).toEqual({ urls: 'turn:turn.example.org:3478', username: 'genova', credential: 's3cret' });
  });

  it('refuses a line that is not a STUN or TURN server', () => {
    for (const line of [
      '',
      '   ',
      'stun:',
      'turn:',
      'stun.example.org:3478',
      'https://turn.example.org',
      'ws://localhost:4444',
      'STUN:stun.example.org:3478',
      ' stunx:stun.example.org',
      'turnstile:example.org u p',
    ]) {
      expect(parseIceServer(line), line).toBeNull();
    }
  });

  it('refuses TURN without both username and credential, and STUN with either', () => {
    for (const line of [
      'turn:turn.example.org:3478',
      'turn:turn.example.org:3478 genova',
      'turns:turn.example.org:5349 genova',
      'stun:stun.example.org:3478 genova',
      'stun:stun.example.org:3478 genova s3cret',
      'stuns:stun.example.org:5349 genova s3cret',
    ]) {
      expect(parseIceServer(line), line).toBeNull();
    }
  });

  it('refuses anything after the credential', () => {
    expect(parseIceServer('turn:turn.example.org:3478 genova s3cret extra')).toBeNull();
    expect(parseIceServer('turn:turn.example.org:3478 genova my secret')).toBeNull();
  });

  it('gives what the registry stores', () => {
    for (const line of ['stun:stun.example.org:3478', 'turn:turn.example.org:3478 genova s3cret']) {
      expect(iceServerSchema.safeParse(parseIceServer(line)).success).toBe(true);
    }
  });
});

describe('formatIceServer', () => {
  it('writes the line parseIceServer reads back', () => {
    const servers = [
      { urls: 'stun:stun.example.org:3478' },
      { urls: 'stuns:stun.example.org:5349' },
      { urls: 'turn:turn.example.org:3478', username: 'genova', credential: 's3cret' },
      { urls: 'turns:turn.example.org:5349?transport=tcp', username: 'genova', credential: 's3cret' },
    ];
    for (const server of servers) expect(parseIceServer(formatIceServer(server))).toEqual(server);
    expect(formatIceServer({ urls: 'turn:turn.example.org:3478', username: 'genova', credential: 's3cret' })).toBe('turn:turn.example.org:3478 genova s3cret');
  });
});
