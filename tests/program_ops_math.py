"""The math family's steps for the differential programs (see program_families.py)."""
OPS = {}
DRAWS = []
