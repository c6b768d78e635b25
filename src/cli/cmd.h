/* cmd.h: the subcommands of `minutes`; each takes its own argv (argv[0] is its name)
 * and returns an enum mn_exit code (minutes.h), from mn_exit_code. */
#ifndef MN_CMD_H
#define MN_CMD_H

#include "minutes.h"

int mn_cmd_validate (int argc, char **argv);
int mn_cmd_render (int argc, char **argv);
int mn_cmd_fo (int argc, char **argv);
int mn_cmd_build (int argc, char **argv);
int mn_cmd_import (int argc, char **argv);
int mn_cmd_new (int argc, char **argv);
int mn_cmd_watch (int argc, char **argv);

#endif
