// A scripted RTCPeerConnection and RTCDataChannel for the peer's unit tests (peer.js,
// chunked-peer.js): channels open, receive and close when a test says so.
export class FakeChannel {
  readyState: 'connecting' | 'open' | 'closed';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  sent: unknown[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  constructor(readonly label: string, state: 'connecting' | 'open') {
    this.readyState = state;
  }
  send(data: unknown): void {
    // As RTCDataChannel: sending before the channel opened is an error.
    if (this.readyState !== 'open') throw new DOMException("Failed to execute 'send' on 'RTCDataChannel': RTCDataChannel.readyState is not 'open'", 'InvalidStateError');
    this.sent.push(data);
  }
  open(): void {
    this.readyState = 'open';
    this.onopen?.();
  }
  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.onclose?.();
  }
  receive(data: Uint8Array): void {
    this.onmessage?.({ data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) });
  }
}

export class FakePeerConnection {
  static last: FakePeerConnection | null = null;
  signalingState = 'stable';
  iceConnectionState = 'new';
  connectionState = 'new';
  remoteDescription: { type: string } | null = null;
  localDescription: { type: string; sdp: string } | null = null;
  channels: FakeChannel[] = [];
  onicecandidate: unknown = null;
  oniceconnectionstatechange: unknown = null;
  onconnectionstatechange: unknown = null;
  onsignalingstatechange: unknown = null;
  ondatachannel: ((event: { channel: FakeChannel }) => void) | null = null;
  constructor() {
    FakePeerConnection.last = this;
  }
  createDataChannel(label: string): FakeChannel {
    const channel = new FakeChannel(label, 'connecting');
    this.channels.push(channel);
    return channel;
  }
  async createOffer() {
    return { type: 'offer', sdp: 'v=0 fake offer' };
  }
  async createAnswer() {
    return { type: 'answer', sdp: 'v=0 fake answer' };
  }
  async setLocalDescription(description: { type: string; sdp: string }) {
    this.localDescription = description;
  }
  async setRemoteDescription(description: { type: string }) {
    this.remoteDescription = description;
  }
  async addIceCandidate() {}
  close(): void {}
}

