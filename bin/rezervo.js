#!/usr/bin/env node
// The `rezervo` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
