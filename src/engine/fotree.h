/* fotree.h: the typed input tree — an XSL-FO document (our subset, docs/fo-subset.md) with
 * every property parsed, inherited and converted to Pango units.  Layout reads it, never
 * changes it. */
#ifndef MN_FOTREE_H
#define MN_FOTREE_H

#include <glib.h>
#include <libxml/tree.h>
#include <stdio.h>

#include "base/diag.h"
#include "fox.h"

/* One point in Pango units (1/1024 pt at our 72 dpi). */
#define MN_PT 1024

/* The largest extent layout computes with, in Pango units (2^29, about 524,000 pt, 36 times
 * the largest page): lengths are within ±100,000 pt each (fotree.c), and layout clamps every
 * sum that nesting or stacking can make grow (an indent of 30 nested blocks, the height of 25
 * nested padded cells, the x of 40 columns) to this, so that no sum of a few such values
 * overflows an int: such an overflow used to make the normal build write an empty PDF. */
#define MN_MAX_EXTENT (1 << 29)

/* `v` clamped to ±MN_MAX_EXTENT. */
static inline int
mn_clamp_extent (long long v)
{
  return v > MN_MAX_EXTENT ? MN_MAX_EXTENT : v < -MN_MAX_EXTENT ? -MN_MAX_EXTENT : (int) v;
}

/* The largest column-number and number-columns-spanned (docs/hardening.md): a table's column
 * count is at most twice this plus its fo:table-column elements. */
#define MN_FO_MAX_COLUMN 1000

typedef enum {
  /* block level */
  MN_FO_FLOW,         /* fo:flow or fo:static-content: the children of a region */
  MN_FO_BLOCK,        /* fo:block (and fo:block-container, treated as a block) */
  MN_FO_PARA,         /* anonymous: a run of inline children of a block (one PangoLayout) */
  MN_FO_TABLE,        /* fo:table (fo:table-and-caption is not in the subset) */
  MN_FO_TABLE_HEADER, /* fo:table-header: repeated at the top of every page the table spans */
  MN_FO_TABLE_BODY,   /* fo:table-body */
  MN_FO_ROW,          /* fo:table-row */
  MN_FO_CELL,         /* fo:table-cell */
  MN_FO_LIST,         /* fo:list-block */
  MN_FO_LIST_ITEM,    /* fo:list-item */
  MN_FO_LIST_LABEL,   /* fo:list-item-label */
  MN_FO_LIST_BODY,    /* fo:list-item-body */
  /* inline level */
  MN_FO_TEXT,         /* character data (whitespace still to be collapsed by para.c) */
  MN_FO_INLINE,       /* fo:inline (and fo:wrapper) */
  MN_FO_LINK,         /* fo:basic-link */
  MN_FO_PAGE_NUMBER,  /* fo:page-number */
  MN_FO_CITATION,     /* fo:page-number-citation */
  MN_FO_CITATION_LAST,/* fo:page-number-citation-last */
  MN_FO_LEADER,       /* fo:leader: a rule or space filling the rest of the line (simplified) */
} mn_fo_kind;

enum { MN_SIDE_TOP, MN_SIDE_RIGHT, MN_SIDE_BOTTOM, MN_SIDE_LEFT };
enum { MN_ALIGN_START, MN_ALIGN_CENTER, MN_ALIGN_END, MN_ALIGN_JUSTIFY };
enum { MN_DISPLAY_BEFORE, MN_DISPLAY_CENTER, MN_DISPLAY_AFTER };
enum { MN_BORDER_NONE, MN_BORDER_SOLID, MN_BORDER_DASHED, MN_BORDER_DOTTED, MN_BORDER_DOUBLE };
enum { MN_BREAK_AUTO, MN_BREAK_PAGE };
enum { MN_DECO_UNDERLINE = 1, MN_DECO_LINE_THROUGH = 2, MN_DECO_OVERLINE = 4 };
enum { MN_SHIFT_BASELINE, MN_SHIFT_SUPER, MN_SHIFT_SUB };
/* Line-break levels (CSS Text 3 §5.2 line-break, JLREQ §3.1.7): strict is the initial value. */
enum { MN_LINE_BREAK_STRICT, MN_LINE_BREAK_NORMAL, MN_LINE_BREAK_LOOSE };

typedef struct mn_border {
  int width;          /* Pango units; 0 when style is none */
  guint32 color;      /* 0xRRGGBB */
  gint8 style;        /* MN_BORDER_* */
} mn_border;

/* Resolved properties of one node.  Inherited ones are copied from the parent first.
 * Every node of a document has one (a long session has over 100,000 nodes), so the small
 * values are stored small: lengths and colours in 32 bits, counts in 16, flags and enums in 8. */
typedef struct mn_style {
  /* inherited */
  const char *font_family;  /* comma-separated list as written (interned in the doc) */
  int font_size;            /* Pango units */
  guint32 color;            /* text colour 0xRRGGBB */
  int line_height;          /* absolute line height, Pango units (computed for this node) */
  int line_height_permille; /* when line-height was a number: its value x1000 (inherited as such) */
  int text_indent;          /* first-line indent, Pango units */
  int start_indent;         /* content-start edge from the reference area's start, Pango units */
  int end_indent;           /* content-end edge from the reference area's end */
  int letter_spacing;       /* extra space between characters, Pango units */
  int pdbs, pls;            /* list: provisional-distance-between-starts / -label-separation */
  gint16 font_weight;       /* 100..900 */
  gint16 widows, orphans;   /* minimum lines after / before a page break inside a paragraph,
                               and inside a table cell (table.c rule 6) */
  gint16 keep_lines;        /* mx:keep-together-lines: a table row none of whose cells has
                               more lines is kept together; 0: none */
  gint8 font_italic;        /* font-style italic or oblique */
  gint8 text_align;         /* MN_ALIGN_* for all lines but the last */
  gint8 text_align_last;    /* MN_ALIGN_* for the last line; -1 = derived from text_align */
  gint8 preserve_linefeeds; /* linefeed-treatment="preserve" */
  gint8 collapse_spaces;    /* white-space-collapse="true" (default) */
  gint8 nowrap;             /* wrap-option="no-wrap" */
  gint8 line_break;         /* MN_LINE_BREAK_*: mx:line-break, the kinsoku level (JLREQ 3.1.7) */
  /* not inherited: from here to the end, each element starts from the initial values
   * (fotree.c, inherit) */
  gint8 has_background;     /* background-color given and not transparent */
  gint8 break_before, break_after;  /* MN_BREAK_* */
  gint8 keep_with_next, keep_with_previous, keep_together;  /* 1 = keep (any strength) */
  gint8 keep_within_line;   /* keep-together.within-line (inlines): no line break inside */
  gint8 display_align;      /* MN_DISPLAY_* (table cells) */
  gint8 decoration;         /* MN_DECO_* bits */
  gint8 baseline_shift;     /* MN_SHIFT_* */
  guint32 background;       /* 0xRRGGBB */
  int space_before, space_after;  /* Pango units (the .optimum) */
  int space_before_stretch, space_after_stretch;  /* how much each may grow when its page is
                               justified (vjust.c): its .maximum less its .optimum, 0 unless a
                               .maximum is given; Pango units */
  int padding[4];           /* by MN_SIDE_* */
  mn_border border[4];      /* by MN_SIDE_* */
} mn_style;

typedef struct mn_fo_node mn_fo_node;
struct mn_fo_node {
  mn_fo_kind kind;          /* what it is */
  int nchildren;            /* number of children */
  long line;                /* source line: mx:line when given, else the FO element's line */
  mn_style st;              /* resolved properties */
  mn_fo_node *parent;       /* NULL for a flow */
  mn_fo_node *first, *last; /* children */
  mn_fo_node *next;         /* next sibling */
  const char *text;         /* TEXT: the characters (interned) */
  const char *id;           /* the id property, or NULL */
  const char *ref;          /* LINK: internal-destination; CITATION(_LAST): ref-id */
  const char *uri;          /* LINK: external-destination, url(...) stripped */
  const char *role;         /* role property (a PDF structure type such as H1), or NULL */
  GArray *columns;          /* TABLE: mn_fo_column, in column order (may be empty) */
  int colspan;              /* CELL: number-columns-spanned (>= 1) */
  int column;               /* CELL: column-number (1-based, at most MN_FO_MAX_COLUMN) or 0 */
  int width;                /* TABLE: width (or inline-progression-dimension) in Pango units */
  int width_permille;       /* TABLE: the same as a percentage x10 of the available width */
  gint8 leader_rule;        /* LEADER: leader-pattern="rule" */
  gint8 omit_header;        /* TABLE: table-omit-header-at-break="true" */
  int ncols;                /* TABLE: its columns, the declared ones or the widest row's (at
                               least 1), counted once here rather than on every page */
};

/* fo:table-column. */
typedef struct mn_fo_column {
  int width;        /* fixed width in Pango units, or 0 */
  int percent;      /* percentage x1000 of the table width, or 0 */
  int proportion;   /* proportional-column-width(N), N x1000, or 0 */
  int repeat;       /* number-columns-repeated */
} mn_fo_column;

/* fo:simple-page-master; lengths in Pango units. */
typedef struct mn_fo_master {
  const char *name;         /* master-name (first: fotree.c looks masters up by it) */
  long line;                /* where it is defined */
  int page_w, page_h;       /* page-width, page-height */
  int margin[4];            /* page margins (MN_SIDE_*) */
  int body_margin[4];       /* region-body margins, inside the page margins */
  int extent_before, extent_after, extent_start, extent_end;  /* region extents */
  const char *region_name[5];  /* names of body, before, after, start, end */
  int has_region[5];        /* which regions the master declares */
} mn_fo_master;

enum { MN_REGION_BODY, MN_REGION_BEFORE, MN_REGION_AFTER, MN_REGION_START, MN_REGION_END };

/* What an entry of fo:page-sequence-master is (XSL-FO 1.1 §6.4.8–6.4.10). */
typedef enum {
  MN_MASTER_REF_SINGLE,         /* fo:single-page-master-reference: one page */
  MN_MASTER_REF_REPEATABLE,     /* fo:repeatable-page-master-reference */
  MN_MASTER_REF_ALTERNATIVES,   /* fo:repeatable-page-master-alternatives */
} mn_master_ref_kind;

/* One entry of fo:page-sequence-master. */
typedef struct mn_fo_master_ref {
  mn_master_ref_kind kind;  /* which element */
  int max_repeats;          /* maximum-repeats, -1 = no limit */
  const char *master;       /* single/repeatable: master-reference */
  GArray *conds;            /* alternatives: mn_fo_cond */
} mn_fo_master_ref;

/* page-position of a conditional-page-master-reference (§7.27.8). */
typedef enum {
  MN_POSITION_ANY,          /* any page */
  MN_POSITION_FIRST,        /* the sequence's first page */
  MN_POSITION_REST,         /* any page but the first */
  MN_POSITION_NEVER,        /* never applies: page-position="last" (not in the subset), or
                               blank-or-not-blank="blank" (no blank pages are made) */
} mn_page_position;

/* odd-or-even of a conditional-page-master-reference (§7.27.6). */
typedef enum {
  MN_ODD_EVEN_ANY,          /* any page */
  MN_ODD_EVEN_ODD,          /* odd page numbers */
  MN_ODD_EVEN_EVEN,         /* even page numbers */
} mn_odd_even;

typedef struct mn_fo_cond {
  const char *master;       /* master-reference */
  mn_page_position position;  /* page-position */
  mn_odd_even odd_even;     /* odd-or-even */
} mn_fo_cond;

typedef struct mn_fo_seq_master {
  const char *name;         /* master-name (first, as in mn_fo_master) */
  long line;                /* where it is defined */
  GArray *refs;             /* mn_fo_master_ref, in order */
} mn_fo_seq_master;

/* fo:page-sequence. */
typedef struct mn_fo_seq {
  const char *master_ref;   /* master-reference */
  long line;                /* where it begins */
  int initial_page_number;  /* 0 = auto (continue) */
  const char *id;           /* the sequence's id, or NULL */
  int vjust;                /* mx:vertical-justify: the most each line of a justified page may
                               grow (0: only the spaces grow), Pango units; -1: pages are not
                               justified (vjust.h) */
  mn_fo_node *flow;         /* fo:flow (xsl-region-body) */
  GPtrArray *statics;       /* mn_fo_node* of kind FLOW, each with its flow-name in `text` */
} mn_fo_seq;

typedef struct mn_fo_bookmark mn_fo_bookmark;
struct mn_fo_bookmark {
  const char *title;        /* bookmark-title text */
  const char *dest;         /* internal-destination */
  long line;                /* where it is written */
  int open;                 /* starting-state="show" */
  GPtrArray *children;      /* mn_fo_bookmark* */
};

/* Document information (from fo:declarations' XMP packet). */
typedef struct mn_fo_meta {
  const char *title, *author, *subject, *keywords;  /* dc:title, dc:creator, dc:description,
                                                       pdf:Keywords (or dc:subject), or NULL */
  const char *create_date;  /* xmp:CreateDate as written (ISO 8601), or NULL */
  long date_line;           /* where it was written */
  const char *lang;         /* xml:lang of fo:root (BCP 47), or NULL */
} mn_fo_meta;

typedef struct mn_fo_doc {
  const char *file;         /* name for diagnostics */
  GPtrArray *masters;       /* mn_fo_master* */
  GPtrArray *seq_masters;   /* mn_fo_seq_master* */
  GPtrArray *seqs;          /* mn_fo_seq* */
  GPtrArray *bookmarks;     /* top-level mn_fo_bookmark* */
  mn_fo_meta meta;          /* document information for the PDF */
  GHashTable *ids;          /* id -> mn_fo_node* (borrowed) or the sequence's dummy */
  GHashTable *targets;      /* ids referenced by links and bookmarks (the set) */
  int has_citations;        /* page-number-citation(-last) present: layout needs a first pass */
  int generated;            /* made from an FO the stylesheet built in memory (no file of its own) */
  GPtrArray *families;      /* mn_fo_family: each distinct font-family with its first line */
  GStringChunk *strings;    /* interned strings */
  GPtrArray *nodes;         /* every node, for freeing */
} mn_fo_doc;

typedef struct mn_fo_family {
  const char *name;         /* one family name from a font-family list */
  long line;                /* first use */
} mn_fo_family;

/* Build the tree from `fo` (borrowed, unchanged).  `file` names it in diagnostics.  Every
 * element or property outside the subset is reported (a warning; an error when d->strict).
 * Returns 0 with *out owned by the caller (mn_fo_doc_free), or MN_EINVALID with *out NULL. */
int mn_fo_doc_parse (mn_fo_doc **out, xmlDocPtr fo, const char *file, mn_diag *d);

/* The same, taking `fo` (freed, also on failure): each block's elements are freed as soon as
 * they are parsed, so that the FO document and the tree are never both whole in memory.  The
 * tree keeps nothing of `fo` (its strings are its own). */
int mn_fo_doc_parse_take (mn_fo_doc **out, xmlDocPtr fo, const char *file, mn_diag *d);

void mn_fo_doc_free (mn_fo_doc *doc);

/* Write the property section of docs/fo-subset.md (what stands between its "properties"
 * markers), made from fotree.c's property table.  For tests/engine/fo-props. */
void mn_fo_props_write_doc (FILE *fp);

/* The style properties of the table, i from 0 (returns 0 past the last): the name (a SIDE in
 * it stands for any side), whether it is inherited, and a value with an effect on the element
 * it is written on (NULL if none is given).  For tests/engine/fo-props. */
int mn_fo_style_prop (int i, const char **name, int *inherited, const char **example);

/* The master named `name`, or NULL. */
const mn_fo_master *mn_fo_doc_lookup_master (const mn_fo_doc *doc, const char *name);
const mn_fo_seq_master *mn_fo_doc_lookup_seq_master (const mn_fo_doc *doc, const char *name);

/* Append `child` to the children of `parent` (both trees, this and the area tree, link a
 * node's children through first, last and next). */
#define MN_APPEND_CHILD(parent, child) \
  do { \
    if ((parent)->last) \
      (parent)->last->next = (child); \
    else \
      (parent)->first = (child); \
    (parent)->last = (child); \
  } while (0)

/* Whether `kind` is block level (FLOW..LIST_BODY). */
static inline int
mn_fo_is_block (mn_fo_kind kind)
{
  return kind <= MN_FO_LIST_BODY;
}

#endif
