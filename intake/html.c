/* HTML mail bodies reduced to the text a clerk would read: many webmail
 * clients (QQ, 163, Outlook) send HTML only.  This is not an HTML parser;
 * it only needs the words and the line breaks, from markup that is often
 * broken. */
#define G_LOG_DOMAIN "xf-intake"

#include "intake/intake-private.h"

#include <string.h>

/* How far into a document a <meta charset> is looked for; HTML5 asks for
 * it within the first 1024 bytes, mail clients put it near the top too. */
#define META_WINDOW 4096

/* How far a tag's closing '>' is looked for past quoted values. */
#define MAX_QUOTED_TAG 4096

/* Elements whose content is not text for a reader. */
static const char *const dropped_elements[] = { "script", "style", "title" };

/* Elements that start and end a line of their own. */
static const char *const block_elements[] = {
  "p", "div", "tr", "li", "ul", "ol", "table", "blockquote", "pre", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "center", "address",
};

/* Named entities beyond the five of XML that Chinese webmail writes; the
 * others are rare enough to leave as written. */
static const struct {
  const char *name;
  const char *text;
} named_entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  /* A plain space: later stages match on ASCII white space. */
  { "nbsp", " " }, { "ensp", " " }, { "emsp", " " }, { "thinsp", " " },
  { "ldquo", "\u201C" }, { "rdquo", "\u201D" }, { "lsquo", "\u2018" }, { "rsquo", "\u2019" },
  { "mdash", "\u2014" }, { "ndash", "\u2013" }, { "hellip", "\u2026" }, { "middot", "\u00B7" },
  { "yen", "\u00A5" }, { "copy", "\u00A9" }, { "reg", "\u00AE" }, { "times", "\u00D7" },
  { "divide", "\u00F7" }, { "bull", "\u2022" },
};

typedef struct {
  GString *out;
  gboolean pending_space;
  gboolean pending_break;  /* the pending white space holds a line break */
  gboolean in_pre;
} Writer;

/* Wide East Asian characters, between which CSS Text 3 removes a source
 * line break instead of turning it into a space: a sentence wrapped in the
 * HTML source must not come out as "涉及金额 约二十万元". */
static gboolean
is_wide (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFF);
}

static gunichar
last_char (const GString *out)
{
  if (out->len == 0)
    return 0;
  const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);
  return last != NULL ? g_utf8_get_char_validated (last, (gssize) (out->str + out->len - last)) : 0;
}

static gboolean
at_line_start (const Writer *writer)
{
  return writer->out->len == 0 || writer->out->str[writer->out->len - 1] == '\n';
}

static void
write_text (Writer *writer, const char *text, gsize length)
{
  if (writer->pending_space && !at_line_start (writer)
      && writer->out->str[writer->out->len - 1] != ' ')
    {
      gboolean joined = writer->pending_break && is_wide (last_char (writer->out))
                        && is_wide (g_utf8_get_char_validated (text, (gssize) length));
      if (!joined)
        g_string_append_c (writer->out, ' ');
    }
  writer->pending_space = FALSE;
  writer->pending_break = FALSE;
  g_string_append_len (writer->out, text, (gssize) length);
}

static void
write_newline (Writer *writer)
{
  writer->pending_space = FALSE;
  writer->pending_break = FALSE;
  g_string_append_c (writer->out, '\n');
}

static void
end_line (Writer *writer)
{
  if (!at_line_start (writer))
    write_newline (writer);
  writer->pending_space = FALSE;
  writer->pending_break = FALSE;
}

static gboolean
in_list (const char *name, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The first occurrence of @needle (ASCII, any case) in @haystack, or NULL. */
static const char *
find_ascii_nocase (const char *haystack, const char *needle)
{
  gsize needle_length = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, needle_length) == 0)
      return p;
  return NULL;
}

/* The '>' closing the tag that opens at @tag, skipping quoted attribute
 * values; NULL when the document ends first. */
static const char *
find_tag_end (const char *tag)
{
  char quote = '\0';

  /* Bounded, so that thousands of tags with an unclosed quote cost a
   * linear pass and not one pass each to the end of the document. */
  for (const char *p = tag + 1; *p != '\0' && p - tag < MAX_QUOTED_TAG; p++)
    {
      if (quote != '\0')
        {
          if (*p == quote)
            quote = '\0';
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }
  /* An unbalanced quote or a huge tag: take the first '>' rather than
   * lose the rest. */
  return strchr (tag, '>');
}

static void
write_code_point (Writer *writer, gunichar c)
{
  char buffer[8];

  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  if (c == 0xA0)
    c = ' ';
  gint length = g_unichar_to_utf8 (c, buffer);
  write_text (writer, buffer, (gsize) length);
}

/* Decodes the entity at @p ('&') and returns the first byte after it; a
 * '&' that starts no known entity is written as it is. */
static const char *
write_entity (Writer *writer, const char *p)
{
  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      const char *end = digits;
      guint64 value = 0;

      while (hex ? g_ascii_isxdigit (*end) : g_ascii_isdigit (*end))
        {
          /* Saturate: an absurd number still ends as U+FFFD. */
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10)
                    + (guint64) (hex ? g_ascii_xdigit_value (*end) : g_ascii_digit_value (*end));
          end++;
        }
      if (end > digits)
        {
          write_code_point (writer, value > 0x10FFFF ? 0xFFFD : (gunichar) value);
          return *end == ';' ? end + 1 : end;
        }
    }
  else
    {
      const char *end = p + 1;
      while (g_ascii_isalnum (*end) && end - p <= 10)
        end++;
      if (*end == ';')
        for (gsize i = 0; i < G_N_ELEMENTS (named_entities); i++)
          if (strlen (named_entities[i].name) == (gsize) (end - p - 1)
              && strncmp (p + 1, named_entities[i].name, (gsize) (end - p - 1)) == 0)
            {
              write_text (writer, named_entities[i].text, strlen (named_entities[i].text));
              return end + 1;
            }
    }
  write_text (writer, "&", 1);
  return p + 1;
}

/* Handles the markup at @p ('<') and returns the first byte after it. */
static const char *
handle_markup (Writer *writer, const char *p)
{
  if (strncmp (p, "<!--", 4) == 0)
    {
      const char *end = strstr (p + 4, "-->");
      return end != NULL ? end + 3 : p + strlen (p);
    }
  if (p[1] == '!' || p[1] == '?')
    {
      const char *end = strchr (p, '>');
      return end != NULL ? end + 1 : p + strlen (p);
    }

  gboolean closing = p[1] == '/';
  const char *name_start = p + (closing ? 2 : 1);
  if (!g_ascii_isalpha (*name_start))
    {
      write_text (writer, "<", 1);
      return p + 1;
    }
  const char *name_end = name_start;
  while (g_ascii_isalnum (*name_end))
    name_end++;
  char name[16];
  gsize name_length = MIN ((gsize) (name_end - name_start), sizeof name - 1);
  memcpy (name, name_start, name_length);
  name[name_length] = '\0';

  const char *tag_end = find_tag_end (p);
  if (tag_end == NULL)
    return p + strlen (p);
  const char *after = tag_end + 1;

  if (!closing && in_list (name, dropped_elements, G_N_ELEMENTS (dropped_elements)))
    {
      g_autofree char *close = g_strconcat ("</", name, NULL);
      const char *end = find_ascii_nocase (after, close);
      if (end == NULL)
        return after + strlen (after);
      const char *close_end = strchr (end, '>');
      return close_end != NULL ? close_end + 1 : end + strlen (end);
    }
  if (g_ascii_strcasecmp (name, "br") == 0)
    write_newline (writer);
  else if (in_list (name, block_elements, G_N_ELEMENTS (block_elements)))
    end_line (writer);
  else if (closing && (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0))
    {
      /* Cells side by side stay apart even when the source joins them. */
      if (!at_line_start (writer))
        g_string_append_c (writer->out, ' ');
      writer->pending_space = FALSE;
      writer->pending_break = FALSE;
    }
  if (g_ascii_strcasecmp (name, "pre") == 0)
    writer->in_pre = !closing;
  return after;
}

/* Trims every line and keeps at most one blank line between paragraphs
 * and none at either end.  Returns a new string (g_free). */
static char *
collapse_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean blank_pending = FALSE;

  for (gsize i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (line[0] == '\0')
        {
          blank_pending = out->len > 0;
          continue;
        }
      if (out->len > 0)
        g_string_append (out, blank_pending ? "\n\n" : "\n");
      g_string_append (out, line);
      blank_pending = FALSE;
    }
  return g_string_free (out, FALSE);
}

char *
xf_intake_convert_html (const char *html)
{
  g_return_val_if_fail (html != NULL, NULL);

  Writer writer = { g_string_new (NULL), FALSE, FALSE, FALSE };
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        p = handle_markup (&writer, p);
      else if (*p == '&')
        p = write_entity (&writer, p);
      else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          /* Source line breaks are only white space, except in <pre>. */
          if (writer.in_pre && *p == '\n')
            write_newline (&writer);
          else if (writer.in_pre && *p != '\r')
            write_text (&writer, p, 1);
          else if (!writer.in_pre)
            {
              writer.pending_space = TRUE;
              writer.pending_break |= *p == '\n';
            }
          p++;
        }
      else
        {
          const char *start = p;
          while (*p != '\0' && *p != '<' && *p != '&' && *p != ' ' && *p != '\t'
                 && *p != '\n' && *p != '\r' && *p != '\f')
            p++;
          write_text (&writer, start, (gsize) (p - start));
        }
    }

  g_autofree char *raw = g_string_free (writer.out, FALSE);
  return collapse_lines (raw);
}

char *
xf_intake_find_html_charset (const guint8 *html, gsize length)
{
  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (length == 0)
    return NULL;
  /* g_strndup stops at a NUL, which is as good an end as any here. */
  g_autofree char *head = g_strndup ((const char *) html, MIN (length, (gsize) META_WINDOW));
  const char *p = head;

  while ((p = find_ascii_nocase (p, "<meta")) != NULL)
    {
      const char *tag_end = strchr (p, '>');
      g_autofree char *tag = g_strndup (p, tag_end != NULL ? (gsize) (tag_end - p) : strlen (p));
      const char *charset = find_ascii_nocase (tag, "charset");

      /* <meta charset="gbk"> and <meta http-equiv="Content-Type"
       * content="text/html; charset=gb2312"> both put "charset" then '='. */
      if (charset != NULL)
        {
          const char *value = charset + strlen ("charset");
          while (*value == ' ' || *value == '\t')
            value++;
          if (*value == '=')
            {
              value++;
              while (*value == ' ' || *value == '\t' || *value == '"' || *value == '\'')
                value++;
              const char *end = value;
              while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == '.'
                     || *end == ':')
                end++;
              if (end > value)
                return g_strndup (value, (gsize) (end - value));
            }
        }
      p += strlen ("<meta");
    }
  return NULL;
}
