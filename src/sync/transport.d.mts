export declare const PEER_SPECIFIER: string;
export declare const TRANSPORT_URL: URL;
export declare const TRANSPORT_PATH: string;
export declare function isYWebrtcPeerImport(specifier: string, importer: string | undefined): boolean;
export declare function chunkedPeerTransport(): import('vite').Plugin;
