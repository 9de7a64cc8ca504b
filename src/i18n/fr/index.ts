import { common } from './common';
import { shell } from './shell';
import { share } from './share';
import { settings } from './settings';
import { join } from './join';
import { meetings } from './meetings';
import { members } from './members';
import { practices } from './practices';
import { versions } from './versions';
import { backup } from './backup';
import { topics } from './topics';
import { home } from './home';
import { live } from './live';
import { search } from './search';
import { editor } from './editor';
import type { Dictionary } from '../index';

export const fr: Dictionary = { common, shell, share, settings, join, meetings, members, practices, versions, backup, topics, home, live, search, editor };
