#!/usr/bin/env bash
# Recreates src/main/resources/loadtest/tone-440hz-20ms.opus, the audio `parley loadtest` speakers send
# (docs/benchmarks.md): 2 s of a 440 Hz sine at -12 dBFS peak (exactly 880 cycles, so it loops without
# a click), 48 kHz mono, encoded with opus-tools (`apt-get install opus-tools`) as 20 ms frames, hard CBR
# 32 kbit/s (80-byte packets), no DTX (opusenc never enables it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/tone.wav" <<'PY'
import math, struct, sys, wave
rate, secs, freq, amp = 48000, 2, 440.0, 0.25
w = wave.open(sys.argv[1], 'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
w.writeframes(b''.join(struct.pack('<h', int(32767 * amp * math.sin(2 * math.pi * freq * i / rate)))
                       for i in range(rate * secs)))
w.close()
PY
opusenc --bitrate 32 --hard-cbr --framesize 20 --comp 10 --discard-comments "$tmp/tone.wav" \
    src/main/resources/loadtest/tone-440hz-20ms.opus
