#!/usr/bin/env node
// The Cutline CLI runs the TypeScript core directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
