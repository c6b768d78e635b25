/* test-progress.c: the status line shows on a terminal (a pseudo-terminal here) and nowhere
 * else, and is erased at the end. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/progress.h"

static int failures;

static void
expect (const char *what, const char *got, const char *want)
{
  if (strcmp (got, want) != 0)
    {
      printf ("FAIL: %s: got \"%s\", expected \"%s\"\n", what, got, want);
      failures++;
    }
}

/* Run three steps over `f` and return what was written (via the pipe or pty `rfd`). */
static char *
run (FILE *f, int rfd, mn_progress *p)
{
  mn_progress_step (p, 1, "a.xml");
  mn_progress_step (p, 2, "b.xml");
  mn_progress_free (p);
  fflush (f);
  static char buf[512];
  usleep (20000);  /* let the pty pass the bytes on */
  ssize_t n = read (rfd, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = '\0';
  return buf;
}

int
main (void)
{
  /* 1. A pipe is not a terminal: nothing is written, whatever TERM says. */
  setenv ("TERM", "xterm", 1);
  int fds[2];
  if (pipe (fds) != 0)
    return 2;
  fcntl (fds[0], F_SETFL, O_NONBLOCK);
  FILE *pf = fdopen (fds[1], "w");
  expect ("on a pipe", run (pf, fds[0], mn_progress_new (pf, 2)), "");

  /* 2. A pseudo-terminal: the steps, then the erase. */
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt (master) != 0 || unlockpt (master) != 0)
    {
      printf ("no pseudo-terminal here (%s)\n", "posix_openpt");
      return 77;
    }
  fcntl (master, F_SETFL, O_NONBLOCK);
  int slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  FILE *tf = fdopen (slave, "w");
  /* The pty maps "\n" to "\r\n"; we write no "\n", so the bytes come back as written. */
  expect ("on a terminal", run (tf, master, mn_progress_new (tf, 2)),
          "\r\033[K[1/2] a.xml\r\r\033[K[2/2] b.xml\r\r\033[K");

  /* 3. A dumb terminal, or a single step: nothing. */
  setenv ("TERM", "dumb", 1);
  expect ("TERM=dumb", run (tf, master, mn_progress_new (tf, 2)), "");
  setenv ("TERM", "xterm", 1);
  expect ("one step", run (tf, master, mn_progress_new (tf, 1)), "");

  printf (failures ? "%d failed\n" : "ok\n", failures);
  return failures ? 1 : 0;
}
