/* Repeats (重信重访): whether a new letter is the same person writing again
 * about the same matter as an earlier case, another person about the same
 * matter (related), or neither.  Pure decisions on signatures; the store
 * keeps the signatures and an index of their keys. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* MinHash values per signature, and the LSH bands they are cut into
 * (XF_MINHASH_SIZE / XF_LSH_BANDS rows each).  Changing either changes
 * every stored key and signature. */
#define XF_MINHASH_SIZE 128
#define XF_LSH_BANDS 32
/* The words of a letter's mention filter: a Bloom filter of its character
 * pairs, 4096 bits and three hashes, to ask whether it names an employer
 * or a person.  A pair not in the letter passes by chance 0.3% of the time
 * in a letter of 200 distinct pairs (the median of the labelled letters),
 * 3% at 500; a name of three characters needs two pairs to pass.
 * Signatures stored before kept 2048 bits (2% and 14%), and are read as
 * they were written. */
#define XF_MENTION_WORDS 128
#define XF_MENTION_WORDS_BEFORE 64
/* The sums of money a signature keeps (14500元, 2.7万元), the first ones
 * a letter names. */
#define XF_REPEAT_SUMS 8

/* Shingles common to many letters (尊敬的主席, 此致敬礼, 拖欠工资…),
 * learned from a corpus and left out of every signature. */
typedef struct XfBoilerplate XfBoilerplate;

/* The share of letters a shingle must be in to count as boilerplate,
 * chosen with the thresholds (repeats.c). */
#define XF_BOILERPLATE_MIN_SHARE 0.02

/* Learns the shingles found in at least @min_share (0..1] of the @n
 * @texts.  Returns a new set (xf_boilerplate_free). */
XfBoilerplate *xf_boilerplate_learn (const char *const *texts, guint n,
                                     double min_share);
/* The number of shingles in @bp. */
guint xf_boilerplate_size (const XfBoilerplate *bp);
/* A text a person can read, one shingle a line (g_free). */
char *xf_boilerplate_serialise (const XfBoilerplate *bp);
/* Reads what xf_boilerplate_serialise() wrote; NULL with
 * XF_ERROR_INVALID_INPUT naming @origin when @text is not that. */
XfBoilerplate *xf_boilerplate_parse (const char *text, const char *origin,
                                     GError **error);
/* The boilerplate compiled in (make model: learned from
 * testdata/letters/train). */
XfBoilerplate *xf_boilerplate_builtin (void);
/* A file xf_boilerplate_serialise() wrote; XF_ERROR_CONFIG naming @path
 * when it is not one. */
XfBoilerplate *xf_boilerplate_load (const char *path, GError **error);
/* Adds what @other holds to @bp: the built-in list and an office's own. */
void xf_boilerplate_add (XfBoilerplate *bp, const XfBoilerplate *other);
void xf_boilerplate_free (XfBoilerplate *bp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfBoilerplate, xf_boilerplate_free)

/* What a letter says of itself, as petition letters put it. */
typedef enum {
  XF_REPEAT_CUE_NEW_MATTER = 1 << 0,  /* 这次想反映另一件事, 又遇到 */
  XF_REPEAT_CUE_AGAIN = 1 << 1,       /* 再次反映, 上次反映过, 至今没有 */
  XF_REPEAT_CUE_GROUP = 1 << 2,       /* 联名, 代表大家: for a group */
  XF_REPEAT_CUE_NEW_PHONE = 1 << 3,   /* 之前的手机号不用了，新号码是 */
  XF_REPEAT_CUE_ALONE = 1 << 4,       /* 这次我单独写信: one member of a
                                         group, for himself */
  XF_REPEAT_CUE_FOR_OTHER = 1 << 5,   /* 我是钟小兵的妈妈, 替我父亲写:
                                         written for a relative */
  XF_REPEAT_CUE_RENAMED = 1 << 6,     /* 现在叫…, 改制为…: the employer
                                         has a new name */
  XF_REPEAT_CUE_OTHER_NAMED = 1 << 7, /* 我的手伤…那是另外的事: another of
                                         the writer's matters set apart */
  XF_REPEAT_CUE_ALL = (1 << 8) - 1,   /* every cue, for checking */
} XfRepeatCue;

/* What a repeat's signature took from the letter it repeats. */
typedef enum {
  XF_REPEAT_INHERITED_ID = 1 << 0,
  XF_REPEAT_INHERITED_NAME = 1 << 1,
  XF_REPEAT_INHERITED_EMPLOYER = 1 << 2,
  XF_REPEAT_INHERITED_BOSS = 1 << 3,
  XF_REPEAT_INHERITED_SUMS = 1 << 4,
  XF_REPEAT_INHERITED_PHONE = 1 << 5, /* never taken from a letter; a
                                         clerk's, for the whole case */
  XF_REPEAT_INHERITED_ALL = (1 << 6) - 1,
} XfRepeatInherited;

typedef struct {
  char *id_number;   /* normalised (xf_classify_extract_fields), or NULL */
  char *phone;
  char *name;
  char *employer;
  char *boss;        /* the boss named (老板叫胡志刚), or NULL */
  char *topic;       /* a topic key, or NULL */
  char *topic2;      /* the runner-up topic, or NULL */
  guint cues;        /* XfRepeatCue: what the letter says of itself */
  gint64 headcount;  /* people writing, -1 when unknown */
  guint32 minhash[XF_MINHASH_SIZE];
  guint32 mentions[XF_MENTION_WORDS];
  guint mention_words; /* the filter's words in use: XF_MENTION_WORDS, or
                          fewer in a signature stored before; 0: none */
  guint shingles;    /* distinct shingles kept after the boilerplate */
  guint32 sums[XF_REPEAT_SUMS]; /* sums of money it names, in yuan, 1000
                                   and up, ascending; 0 after the last */
  guint inherited;   /* XfRepeatInherited: what it does not say itself */
} XfRepeatSignature;

/* Fills @sig from a letter's @text, its @fields (XfField*, as
 * xf_classify_extract_fields() gives them; may be NULL), its @topic and
 * the runner-up @topic2 (either may be NULL) and the learned @bp (may be
 * NULL: nothing left out).  Clear with xf_repeat_signature_clear(). */
void xf_repeat_signature_init (XfRepeatSignature *sig, const char *text,
                               GPtrArray *fields, const char *topic,
                               const char *topic2, const XfBoilerplate *bp);
void xf_repeat_signature_clear (XfRepeatSignature *sig);
/* A repeat's signature takes from the one it repeats what it does not
 * say itself (ID number, name, employer): a short follow-up then still
 * meets the case's later letters, and a later letter that names another
 * employer is seen to differ. */
void xf_repeat_signature_inherit (XfRepeatSignature *sig,
                                  const XfRepeatSignature *from);
/* Gives back what xf_repeat_signature_inherit() took: the letter, split
 * off the case it had joined, is known by what it says itself. */
void xf_repeat_signature_disinherit (XfRepeatSignature *sig);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfRepeatSignature, xf_repeat_signature_clear)

/* The keys under which the store indexes @sig and looks up candidates:
 * "id:NUMBER", "phone:NUMBER", "ne:NAME|EMPLOYER", "name:NAME",
 * "boss:NAME" for what the letter has,
 * and "lsh:BAND:HASH" for each band of a letter with text enough to
 * compare.  NULL-terminated (g_strfreev). */
char **xf_repeat_keys (const XfRepeatSignature *sig);
/* The keys to look candidates up by: xf_repeat_keys(), and, when the
 * finders saw no employer, "org:" for each character pair of @text, and
 * when they saw no name, "name:" for the two and three characters from
 * each surname, so a letter that names its employer or writer where the
 * finders do not look still meets the cases filed under them.  NULL-terminated (g_strfreev). */
char **xf_repeat_lookup_keys (const XfRepeatSignature *sig, const char *text);

/* A signature as one line of text for the store (g_free), and back.
 * Parsing overwrites @sig (clear one that holds a signature first); it fails with XF_ERROR_INVALID_INPUT and leaves @sig cleared. */
char *xf_repeat_signature_serialise (const XfRepeatSignature *sig);
gboolean xf_repeat_signature_parse (const char *text, XfRepeatSignature *sig,
                                    GError **error);

/* The estimated Jaccard similarity of two letters' shingle sets. */
double xf_repeat_similarity (const XfRepeatSignature *a,
                             const XfRepeatSignature *b);

typedef struct {
  double matter;     /* text similarity from which two letters about the
                        same employer or topic are the same matter */
  double anonymous;  /* text similarity from which a letter without a
                        comparable identity is the same person */
  guint min_shingles;/* fewer shingles than this: too little text to
                        compare, never the same matter */
} XfRepeatThresholds;

/* The defaults, chosen on labelled letters (repeats.c says how). */
extern const XfRepeatThresholds xf_repeat_thresholds_default;

typedef enum {
  XF_REPEAT_NONE,     /* a new case */
  XF_REPEAT_RELATED,  /* a new case, linked: same employer and matter */
  XF_REPEAT_SAME,     /* the same person about the same matter */
} XfRepeatKind;

/* How surely two letters have one writer, weakest first: candidates are
 * ranked by it before the text similarity. */
typedef enum {
  XF_REPEAT_BY_HIDING,    /* a signed writer's, by one who hides now */
  XF_REPEAT_BY_TEXT,      /* no identity to compare */
  XF_REPEAT_BY_NAME,      /* a name, nothing else to compare */
  XF_REPEAT_BY_GROUP,     /* joint letters of one employer */
  XF_REPEAT_BY_NAME_EMPLOYER,
  XF_REPEAT_BY_PHONE,
  XF_REPEAT_BY_ID,
} XfRepeatEvidence;

typedef struct {
  XfRepeatKind kind;
  XfRepeatEvidence evidence;
  guint agreement;   /* how much of the matter agrees: the employer, the
                        topics met, the same first topic, a sum both
                        name (0-4) */
  double score;      /* the text similarity */
  char *reasons;     /* why, for the clerk, without personal data (g_free) */
} XfRepeatVerdict;

/* Judges @new_sig against the earlier @old (a candidate from the index)
 * with @thresholds (NULL for the defaults).  Free @verdict's reasons with
 * xf_repeat_verdict_clear(). */
void xf_repeat_judge (const XfRepeatSignature *new_sig,
                      const XfRepeatSignature *old,
                      const XfRepeatThresholds *thresholds,
                      XfRepeatVerdict *verdict);
void xf_repeat_verdict_clear (XfRepeatVerdict *verdict);
/* Whether verdict @a ranks above @b: SAME first, then by evidence, then
 * by how much of the matter agrees (a writer with two cases: the one this
 * letter is about), then by score. */
gboolean xf_repeat_verdict_better (const XfRepeatVerdict *a,
                                   const XfRepeatVerdict *b);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfRepeatVerdict, xf_repeat_verdict_clear)

G_END_DECLS
