/* era.c: (being written; see docs/ and the issue that owns it). */
