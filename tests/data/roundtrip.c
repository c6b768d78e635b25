/* tests/data/roundtrip.c: proves that a session XML holds every character of its source text.
 *
 *   roundtrip [--drop-char N] SEED.txt SESSION.xml
 *   roundtrip [--drop-char N] --speech-record FROM-TO MINUTES.txt SESSION.xml
 *
 * Two character streams are built and compared, character for character:
 *
 *   the seed stream  the source text (tab-separated extraction of the published minutes) with
 *                    whitespace, the extraction's stray HTML and "- " prefixes, and the labels
 *                    that the stylesheets print set aside (the rules are in seed_line() below);
 *   the XML stream   the session's text and attribute values in document order, except the
 *                    machine-data attributes (see attribute_is_machine_data()), whitespace set
 *                    aside.
 *
 * With --speech-record, the source is lines FROM to TO of a verbatim record (○ speaker turns,
 * ◎ section heads, 〔 〕 stage notes) and only the session's speech-record is compared; the
 * rules are in speech_line().
 *
 * Equal streams: exit 0.  Otherwise the offset and the first differing run, with about 20
 * characters of context each side (and the seed line / XML line there), go to stderr, exit 1.
 * Exit 2: a file could not be read or parsed, or bad usage.
 *
 * --drop-char N deletes the N-th non-whitespace character (0-based) of the XML's text in memory
 * before the comparison: a copy of the document with one character missing, which must fail.
 * This is how the suite proves that the round-trip test can fail.
 *
 * This is a test tool: its messages are for developers and are not translated.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <glib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 20

/* A stream of characters, each with the line of the file it came from. */
typedef struct {
	GArray *chars; /* gunichar */
	GArray *lines; /* int */
} stream;

static void stream_init(stream *s)
{
	s->chars = g_array_new(FALSE, FALSE, sizeof(gunichar));
	s->lines = g_array_new(FALSE, FALSE, sizeof(int));
}

static void stream_clear(stream *s)
{
	g_array_free(s->chars, TRUE);
	g_array_free(s->lines, TRUE);
}

/* Appends the UTF-8 text, whitespace (Unicode, including U+3000) left out. */
static void stream_add(stream *s, const char *text, int line)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c))
			continue;
		g_array_append_val(s->chars, c);
		g_array_append_val(s->lines, line);
	}
}

/* ---- the seed stream ------------------------------------------------------------------- */

/* Where we are in the seed: the header table, an agenda item (諮問事項N, its title and Q&A),
 * its opinions (意見), or the requests (要望事項). */
enum seed_part { PART_HEADER, PART_INQUIRY, PART_OPINIONS, PART_REQUESTS };

/* Removes every occurrence of `needle` from `s`. */
static void remove_all(GString *s, const char *needle)
{
	size_t n = strlen(needle);
	char *hit;
	while ((hit = strstr(s->str, needle)) != NULL)
		g_string_erase(s, hit - s->str, (gssize)n);
}

/* Removes the first occurrence of `needle` from `s`, if any. */
static void remove_first(GString *s, const char *needle)
{
	char *hit = strstr(s->str, needle);
	if (hit)
		g_string_erase(s, hit - s->str, (gssize)strlen(needle));
}

/* Copies `s` without whitespace (to compare a line with a label that the source spaces out,
 * such as "会 議 録" or "議 決 日"). */
static char *squeeze(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* If `line` is `prefix` followed by ASCII digits and then `suffix` (and nothing else), returns
 * the digits (owned); otherwise NULL. */
static char *numbered_label(const char *line, const char *prefix, const char *suffix)
{
	size_t np = strlen(prefix), ns = strlen(suffix), nl = strlen(line);
	if (nl <= np + ns || strncmp(line, prefix, np) != 0 || strcmp(line + nl - ns, suffix) != 0)
		return NULL;
	for (size_t i = np; i < nl - ns; i++)
		if (!g_ascii_isdigit(line[i]))
			return NULL;
	return g_strndup(line + np, nl - ns - np);
}

/* In the 諮問事項 row of the header, each agenda entry starts with "(N)": at the start of the
 * row's value or after a space.  The parentheses are printed by the stylesheet; N is data (the
 * entry's n).  Other parentheses, such as "(東京都事業)", are content and stay. */
static void drop_agenda_parentheses(GString *value)
{
	GString *out = g_string_new(NULL);
	const char *p = value->str;
	gboolean at_entry_start = TRUE;
	while (*p) {
		if (at_entry_start && *p == '(' && g_ascii_isdigit(p[1])) {
			const char *q = p + 1;
			while (g_ascii_isdigit(*q))
				q++;
			if (*q == ')') {
				g_string_append_len(out, p + 1, q - p - 1);
				p = q + 1;
				at_entry_start = FALSE;
				continue;
			}
		}
		at_entry_start = (*p == ' ');
		g_string_append_c(out, *p);
		p++;
	}
	g_string_assign(value, out->str);
	g_string_free(out, TRUE);
}

/* In the opinions, each opinion begins with the bullet "・" that the stylesheet prints: at the
 * start of the line or after a space (several opinions can share one source line).  A "・"
 * inside a sentence (中黒, e.g. "入院・入所") is content and stays. */
static void drop_opinion_bullets(GString *line)
{
	static const char bullet[] = "・";
	GString *out = g_string_new(NULL);
	const char *p = line->str;
	gboolean after_space = TRUE;
	while (*p) {
		if (after_space && strncmp(p, bullet, sizeof bullet - 1) == 0) {
			p += sizeof bullet - 1;
			after_space = FALSE;
			continue;
		}
		after_space = (*p == ' ' || *p == '\t');
		g_string_append_c(out, *p);
		p++;
	}
	g_string_assign(line, out->str);
	g_string_free(out, TRUE);
}

/* Turns one seed line into the characters the XML must hold, and appends them.  Every rule is
 * positional: a label is dropped only where the layout prints it, never as a word anywhere
 * (諮問事項 and 意見 also occur in content). */
static void seed_line(stream *s, enum seed_part *part, const char *raw, int lineno)
{
	GString *line = g_string_new(raw);
	char *squeezed = NULL, *number = NULL;

	/* The extraction left HTML tags in the text: <p>, </p>, <ul style="…">, </ul>.  They are
	 * structure (paragraphs, the list of opinions), not text.  The seed has no other "<". */
	remove_all(line, "<p>");
	remove_all(line, "</p>");
	remove_all(line, "</ul>");
	for (char *ul; (ul = strstr(line->str, "<ul")) != NULL;) {
		char *end = strchr(ul, '>');
		g_string_erase(line, ul - line->str, end ? end - ul + 1 : -1);
	}

	/* Markdown-ish "- " at the start of a line (before opinions and before the a./b. items of
	 * 要望1) is an extraction artefact: the structure is the list. */
	if (g_str_has_prefix(line->str, "- "))
		g_string_erase(line, 0, 2);

	squeezed = squeeze(line->str);

	/* The document title "会 議 録" (会議録) is printed by the stylesheet. */
	if (*part == PART_HEADER && strcmp(squeezed, "会議録") == 0)
		goto out;

	/* "諮問事項N" alone on a line: the heading of agenda item N.  The word is the stylesheet's;
	 * N is the inquiry's n. */
	if ((number = numbered_label(squeezed, "諮問事項", "")) != NULL) {
		*part = PART_INQUIRY;
		stream_add(s, number, lineno);
		goto out;
	}
	/* The header row of each Q&A table: 番号 / 質問 / 区の考え方. */
	if (strcmp(squeezed, "番号質問区の考え方") == 0 && strchr(line->str, '\t'))
		goto out;
	/* "意見" alone on a line: the heading of the opinions. */
	if (strcmp(squeezed, "意見") == 0) {
		*part = PART_OPINIONS;
		goto out;
	}
	/* "要望事項" alone on a line: the heading of the requests. */
	if (strcmp(squeezed, "要望事項") == 0) {
		*part = PART_REQUESTS;
		goto out;
	}
	/* "要望N:" and "回答N:" alone on a line, in the requests: N is the request's or
	 * response's n; the word and the colon are the stylesheet's. */
	if (*part == PART_REQUESTS &&
	    ((number = numbered_label(squeezed, "要望", ":")) != NULL ||
	     (number = numbered_label(squeezed, "回答", ":")) != NULL)) {
		stream_add(s, number, lineno);
		goto out;
	}

	/* The header table: "LABEL<TAB>value", the label (名称, 日時, 参加者, 配布資料, 諮問事項,
	 * 発言の記録) printed by the stylesheet. */
	if (*part == PART_HEADER) {
		static const char *const labels[] = { "名称", "日時", "参加者", "配布資料", "諮問事項",
						      "発言の記録" };
		const char *tab = strchr(line->str, '\t');
		if (tab) {
			GString *value = g_string_new(tab + 1);
			char *label = g_strndup(line->str, tab - line->str);
			gboolean known = FALSE;
			for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
				known = known || strcmp(label, labels[i]) == 0;
			if (!known) {
				/* Not a label: keep the whole row. */
				g_string_prepend(value, label);
			} else if (strcmp(label, "日時") == 0) {
				/* 日時: "審議開始日 DATE 議 決 日 DATE 注:…".  The two labels before
				 * the dates are the stylesheet's; the source spaces out 議 決 日. */
				char *v = squeeze(value->str);
				g_string_assign(value, v);
				g_free(v);
				if (g_str_has_prefix(value->str, "審議開始日"))
					g_string_erase(value, 0, strlen("審議開始日"));
				remove_first(value, "議決日");
			} else if (strcmp(label, "参加者") == 0) {
				/* 参加者: names separated by "、", which the stylesheet prints. */
				remove_all(value, "、");
			} else if (strcmp(label, "諮問事項") == 0) {
				drop_agenda_parentheses(value);
			}
			stream_add(s, value->str, lineno);
			g_free(label);
			g_string_free(value, TRUE);
			goto out;
		}
	}

	/* The opinions: the "・" bullet before each opinion. */
	if (*part == PART_OPINIONS)
		drop_opinion_bullets(line);

	/* Anything else is content: Q&A rows "N<TAB>question<TAB>answer" (N is the entry's n; a
	 * row "<TAB><TAB>answer" is a follow-up answer), titles, opinions, requests, responses. */
	stream_add(s, line->str, lineno);
out:
	g_free(number);
	g_free(squeezed);
	g_string_free(line, TRUE);
}

/* ---- the speech-record stream ------------------------------------------------------------ */

/* One line of a verbatim record (e.g. 目黒区議会's minutes).  Positional rules, as for the seed:
 * - "○" opening a line introduces a speaker turn: the stylesheet prints it (speaker's name and
 *   role are data);
 * - "◎" opening a line (after its indent) marks a section head: the stylesheet prints it;
 * - a line made only of "―" is a rule (<separator/>): the stylesheet draws it.
 * Stage notes (〔…〕, 〇午後１時開会) keep their marks: they are text. */
static void speech_line(stream *s, const char *raw, int lineno)
{
	const char *p = raw;
	while (*p && g_unichar_isspace(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	if (*p == '\0')
		return;
	gboolean only_rule = TRUE;
	for (const char *q = p; *q; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);
		if (c != 0x2015 /* ― */ && !g_unichar_isspace(c))
			only_rule = FALSE;
	}
	if (only_rule)
		return;
	if (p == raw && g_str_has_prefix(p, "○"))
		p += strlen("○");
	else if (g_str_has_prefix(p, "◎"))
		p += strlen("◎");
	stream_add(s, p, lineno);
}

/* Reads `path` as UTF-8 and splits it into lines (without "\r\n" or "\n"). */
static char **read_lines(const char *path)
{
	char *text = NULL;
	GError *err = NULL;
	if (!g_file_get_contents(path, &text, NULL, &err)) {
		fprintf(stderr, "roundtrip: cannot read %s: %s\n", path, err->message);
		g_error_free(err);
		return NULL;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		fprintf(stderr, "roundtrip: %s is not UTF-8\n", path);
		g_free(text);
		return NULL;
	}
	char **lines = g_strsplit(text, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		size_t n = strlen(lines[i]);
		if (n && lines[i][n - 1] == '\r')
			lines[i][n - 1] = '\0';
	}
	g_free(text);
	return lines;
}

static int speech_stream(stream *s, const char *path, int from, int to)
{
	char **lines = read_lines(path);
	if (!lines)
		return -1;
	int n = (int)g_strv_length(lines);
	if (from < 1 || to < from || to > n) {
		fprintf(stderr, "roundtrip: %s has %d lines, not %d-%d\n", path, n, from, to);
		g_strfreev(lines);
		return -1;
	}
	for (int i = from; i <= to; i++)
		speech_line(s, lines[i - 1], i);
	g_strfreev(lines);
	return 0;
}

static int seed_stream(stream *s, const char *path)
{
	char **lines = read_lines(path);
	if (!lines)
		return -1;
	enum seed_part part = PART_HEADER;
	for (int i = 0; lines[i]; i++)
		seed_line(s, &part, lines[i], i + 1);
	g_strfreev(lines);
	return 0;
}

/* ---- the XML stream -------------------------------------------------------------------- */

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* Attributes that are machine data, not source text: ISO dates (iso, date), the way of
 * holding (manner), corrections of typos (corr), the title's year and number (fiscal-year,
 * number), xsi:* (schema location) and xml:* (xml:lang), and a link's href when it only
 * repeats the link's text.  Labels (label) and numbers (n) are source text and stay. */
static gboolean attribute_is_machine_data(xmlAttr *attr, xmlNode *owner, const char *value)
{
	static const char *const names[] = { "iso", "date", "manner", "corr", "fiscal-year",
					      "number" };
	if (attr->ns && attr->ns->href &&
	    (strcmp((const char *)attr->ns->href, XSI_NS) == 0 ||
	     strcmp((const char *)attr->ns->href, (const char *)XML_XML_NAMESPACE) == 0))
		return TRUE;
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (strcmp((const char *)attr->name, names[i]) == 0)
			return TRUE;
	if (strcmp((const char *)attr->name, "href") == 0) {
		xmlChar *text = xmlNodeGetContent(owner);
		gboolean same = text && strcmp((const char *)text, value) == 0;
		xmlFree(text);
		return same;
	}
	return FALSE;
}

static void xml_walk(stream *s, xmlNode *node)
{
	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			stream_add(s, (const char *)node->content, (int)xmlGetLineNo(node));
		} else if (node->type == XML_ELEMENT_NODE) {
			for (xmlAttr *a = node->properties; a; a = a->next) {
				xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
				if (v && !attribute_is_machine_data(a, node, (const char *)v))
					stream_add(s, (const char *)v, (int)xmlGetLineNo(node));
				xmlFree(v);
			}
			xml_walk(s, node->children);
		}
		/* comments and processing instructions are not text */
	}
}

/* Deletes the n-th non-whitespace character (0-based) of the document's text nodes.
 * Returns 0, or -1 if the text is shorter. */
static int drop_char(xmlNode *node, long *n)
{
	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE) {
			const char *text = (const char *)node->content;
			for (const char *p = text; *p; p = g_utf8_next_char(p)) {
				if (g_unichar_isspace(g_utf8_get_char(p)))
					continue;
				if ((*n)-- > 0)
					continue;
				GString *copy = g_string_new_len(text, p - text);
				g_string_append(copy, g_utf8_next_char(p));
				xmlNodeSetContent(node, (const xmlChar *)copy->str);
				g_string_free(copy, TRUE);
				return 0;
			}
		} else if (node->type == XML_ELEMENT_NODE) {
			if (drop_char(node->children, n) == 0)
				return 0;
		}
	}
	return -1;
}

/* The first element named `name` in document order, or NULL. */
static xmlNode *find_element(xmlNode *node, const char *name)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)node->name, name) == 0)
			return node;
		xmlNode *hit = find_element(node->children, name);
		if (hit)
			return hit;
	}
	return NULL;
}

/* Builds the XML stream of the whole document, or of its first `only` element if not NULL. */
static int xml_stream(stream *s, const char *path, long drop, const char *only)
{
	/* No network, no entity substitution, no DTD loading. */
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!doc) {
		fprintf(stderr, "roundtrip: cannot parse %s\n", path);
		return -1;
	}
	if (drop >= 0) {
		long n = drop;
		if (drop_char(xmlDocGetRootElement(doc), &n) != 0) {
			fprintf(stderr, "roundtrip: --drop-char %ld: the text is shorter\n", drop);
			xmlFreeDoc(doc);
			return -1;
		}
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (only) {
		xmlNode *part = find_element(root, only);
		if (!part) {
			fprintf(stderr, "roundtrip: %s has no <%s>\n", path, only);
			xmlFreeDoc(doc);
			return -1;
		}
		/* the part alone, without its following siblings */
		xmlNode *next = part->next;
		part->next = NULL;
		xml_walk(s, part);
		part->next = next;
	} else {
		xml_walk(s, root);
	}
	xmlFreeDoc(doc);
	return 0;
}

/* ---- comparison ------------------------------------------------------------------------ */

/* Prints chars[at-CONTEXT .. at+CONTEXT) with the differing character bracketed. */
static void print_run(const char *what, const stream *s, guint at, const char *path)
{
	guint len = s->chars->len;
	guint from = at > CONTEXT ? at - CONTEXT : 0;
	guint to = MIN(len, at + CONTEXT);
	GString *out = g_string_new(NULL);
	for (guint i = from; i < to; i++) {
		if (i == at)
			g_string_append(out, "[");
		g_string_append_unichar(out, g_array_index(s->chars, gunichar, i));
		if (i == at)
			g_string_append(out, "]");
	}
	if (at >= len)
		g_string_append(out, "[<end>]");
	int line = len ? g_array_index(s->lines, int, MIN(at, len - 1)) : 0;
	fprintf(stderr, "  %s %s:%d: %s\n", what, path, line, out->str);
	g_string_free(out, TRUE);
}

int main(int argc, char **argv)
{
	long drop = -1;
	int from = 0, to = 0; /* --speech-record FROM-TO; 0: the seed form */
	int argi = 1;
	while (argi + 1 < argc && g_str_has_prefix(argv[argi], "--")) {
		char *end;
		errno = 0;
		if (strcmp(argv[argi], "--drop-char") == 0) {
			drop = strtol(argv[argi + 1], &end, 10);
			if (errno || *end || drop < 0) {
				fprintf(stderr, "roundtrip: --drop-char wants a number\n");
				return 2;
			}
		} else if (strcmp(argv[argi], "--speech-record") == 0) {
			if (sscanf(argv[argi + 1], "%d-%d", &from, &to) != 2 || from < 1 || to < from) {
				fprintf(stderr, "roundtrip: --speech-record wants lines FROM-TO\n");
				return 2;
			}
		} else {
			break;
		}
		argi += 2;
	}
	if (argc - argi != 2) {
		fprintf(stderr, "usage: roundtrip [--drop-char N] [--speech-record FROM-TO] "
				"SOURCE.txt SESSION.xml\n");
		return 2;
	}
	const char *seed_path = argv[argi], *xml_path = argv[argi + 1];

	stream seed, xml;
	stream_init(&seed);
	stream_init(&xml);
	int status = 2;
	if (from ? speech_stream(&seed, seed_path, from, to) != 0
		 : seed_stream(&seed, seed_path) != 0)
		goto out;
	if (xml_stream(&xml, xml_path, drop, from ? "speech-record" : NULL) != 0)
		goto out;

	guint n = MIN(seed.chars->len, xml.chars->len), at = 0;
	while (at < n && g_array_index(seed.chars, gunichar, at) ==
			       g_array_index(xml.chars, gunichar, at))
		at++;
	if (at == n && seed.chars->len == xml.chars->len) {
		printf("%s holds the %u characters of %s, in order\n", xml_path, n, seed_path);
		status = 0;
		goto out;
	}
	fprintf(stderr,
		"roundtrip: %s differs from %s at character %u (the source has %u characters, the "
		"XML %u); the first differing run:\n",
		xml_path, seed_path, at, seed.chars->len, xml.chars->len);
	print_run("source", &seed, at, seed_path);
	print_run("xml   ", &xml, at, xml_path);
	status = 1;
out:
	stream_clear(&seed);
	stream_clear(&xml);
	xmlCleanupParser();
	return status;
}
