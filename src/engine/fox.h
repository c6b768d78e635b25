/* fox.h: the namespace of the foreign attributes the stylesheets put on FO elements, which
 * the engine reads (fotree.c) and `minutes build` writes (through the stylesheets). */
#ifndef MN_FOX_H
#define MN_FOX_H

/* Namespace MN_FOX_NS, conventional prefix `mx`: `mx:line` / `mx:file` name the *session*
 * source line and file a block came from, so the engine's diagnostics (a character no font
 * can show, an overfull line) point at what the staff wrote rather than at the generated FO. */
#define MN_FOX_NS "urn:minutes:fo-extensions:1"

#endif
