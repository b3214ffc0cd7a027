"""Writes an all-zero float32 .npy of the given shape (no numpy needed).

Usage: python3 zeros_npy.py OUT.npy STEPS CHANNELS
"""
import struct
import sys

path, steps, channels = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (
    steps, channels)
# Magic, version 1.0, then the header padded so data starts at a multiple of 64.
header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
    f.write(header.encode("latin1"))
    f.write(bytes(4 * steps * channels))
