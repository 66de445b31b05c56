#!/usr/bin/env node
import { runTool } from './runTool.js';

await runTool('t2stat');
