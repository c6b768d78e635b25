/* exitcode.h: the exit codes of `minutes`, one meaning each (documented in README.md). */
#ifndef MN_EXITCODE_H
#define MN_EXITCODE_H

enum mn_exit {
  MN_EXIT_OK = 0,        /* everything valid, everything written */
  MN_EXIT_INVALID = 1,   /* the input is wrong: validation, FO or stylesheet errors */
  MN_EXIT_USAGE = 2,     /* bad command line, or a file that cannot be read or written */
  MN_EXIT_ENV = 3,       /* the installation is wrong: fonts differ from the pins, data missing */
  MN_EXIT_INTERNAL = 4,  /* a bug or a library failure: please report it */
};

#endif
