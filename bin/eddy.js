#!/usr/bin/env -S node --initial-old-space-size=256
// Launcher for the `eddy` command: runs src/cli/main.ts through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
