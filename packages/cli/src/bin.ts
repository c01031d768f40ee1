#!/usr/bin/env node
console.log("toplines: not built yet");
