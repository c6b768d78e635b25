/* i18n.h: gettext wrappers; every message a user sees goes through _(). */
#ifndef MN_I18N_H
#define MN_I18N_H

#include <libintl.h>

#define _(s) gettext (s)
#define N_(s) (s)

#endif
