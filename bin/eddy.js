#!/usr/bin/env node
// Launcher for the `eddy` command: runs src/cli/main.ts through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
