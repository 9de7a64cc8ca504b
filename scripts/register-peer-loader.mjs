import { register } from 'node:module';

register('./peer-loader.mjs', import.meta.url);
