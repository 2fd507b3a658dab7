/*
 * Intel HEX and micro:bit Universal Hex parser and loader
 *
 * References: Intel, "Hexadecimal Object File Format Specification",
 * revision A (1988); micro:bit Educational Foundation, "micro:bit
 * Universal Hex Format Specification" v0.4.0.
 *
 * An Intel HEX record is a line ":LLAAAATT<data>CC": a byte count, a
 * 16-bit offset, a record type, the data and a checksum that makes the
 * sum of all bytes zero.  A Universal Hex wraps the records of several
 * boards in blocks: a Block Start record (type 0x0A) carrying a board
 * ID opens one, a Block End record (0x0B) closes it, the V1 block's
 * data uses ordinary data records and other boards use Custom Data
 * records (0x0D); Padded Data (0x0C) and Other Data (0x0E) carry
 * nothing to load.
 *
 * The parser is strict: it refuses anything a flashing tool could
 * misread rather than guess, so that a damaged file fails loudly
 * instead of booting half a program.  White space around a record and
 * blank lines are allowed; everything else must be exact.  Records
 * after the end-of-file record are checked but not loaded (MakeCode
 * stores its source there); a data record there is refused, since a
 * flashing tool would silently drop it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/microbit_hex.h"

enum {
    REC_DATA = 0x00,
    REC_EOF = 0x01,
    REC_EXT_SEGMENT = 0x02,
    REC_START_SEGMENT = 0x03,
    REC_EXT_LINEAR = 0x04,
    REC_START_LINEAR = 0x05,
    REC_BLOCK_START = 0x0a,
    REC_BLOCK_END = 0x0b,
    REC_PADDED_DATA = 0x0c,
    REC_CUSTOM_DATA = 0x0d,
    REC_OTHER_DATA = 0x0e,
};

/* Byte count, two address bytes, type and checksum */
#define REC_OVERHEAD    5
#define REC_MAX_BYTES   (REC_OVERHEAD + 255)

/* The board IDs a file names, for the error when none is ours */
#define MAX_BOARD_IDS   8

typedef struct HexParser {
    const char *name;
    unsigned line;
    uint32_t base;              /* from the last 0x02 or 0x04 record */
    bool seen_eof;
    bool universal;
    bool in_block;
    bool block_is_v1;
    bool seen_v1;
    unsigned nboards;
    uint16_t boards[MAX_BOARD_IDS];
} HexParser;

bool microbit_hex_probe(const char *buf, size_t len)
{
    size_t i;

    /* Allow a UTF-8 byte order mark, as some editors write one */
    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
        buf += 3;
        len -= 3;
    }
    for (i = 0; i < len; i++) {
        if (!g_ascii_isspace(buf[i])) {
            return buf[i] == ':';
        }
    }
    return false;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool board_is_v1(uint16_t id)
{
    return id == MICROBIT_HEX_BOARD_V1 || id == MICROBIT_HEX_BOARD_V1_5;
}

static void note_board(HexParser *p, uint16_t id)
{
    unsigned i;

    for (i = 0; i < p->nboards; i++) {
        if (p->boards[i] == id) {
            return;
        }
    }
    if (p->nboards < MAX_BOARD_IDS) {
        p->boards[p->nboards++] = id;
    }
}

static bool load_data(HexParser *p, uint32_t offset, const uint8_t *data,
                      unsigned count, const MicrobitHexRegion *regions,
                      size_t nregions, MicrobitHexDataFunc *fn, void *opaque,
                      Error **errp)
{
    uint64_t start = (uint64_t)p->base + offset;
    uint64_t end = start + count;
    g_autoptr(GString) where = NULL;
    size_t i;

    if (count == 0) {
        return true;
    }
    for (i = 0; i < nregions; i++) {
        if (start >= regions[i].base &&
            end <= (uint64_t)regions[i].base + regions[i].size) {
            fn(opaque, start, data, count);
            return true;
        }
    }

    where = g_string_new("");
    for (i = 0; i < nregions; i++) {
        g_string_append_printf(where, "%s%s (0x%08" PRIx32 "-0x%08" PRIx64 ")",
                               i == 0 ? "" :
                               i + 1 == nregions ? " or " : ", ",
                               regions[i].name, regions[i].base,
                               (uint64_t)regions[i].base +
                               regions[i].size - 1);
    }
    error_setg(errp, "%s:%u: data at 0x%08" PRIx64 "-0x%08" PRIx64
               " is not in %s", p->name, p->line, start, end - 1,
               where->str);
    return false;
}

/* Parse one record, with white space already trimmed from both ends */
static bool parse_record(HexParser *p, const char *rec, size_t len,
                         const MicrobitHexRegion *regions, size_t nregions,
                         MicrobitHexDataFunc *fn, void *opaque, Error **errp)
{
    uint8_t bytes[REC_MAX_BYTES];
    unsigned nbytes, count, type, offset, sum, i;
    const uint8_t *data;

    if (rec[0] != ':') {
        error_setg(errp, "%s:%u: a record must start with ':'",
                   p->name, p->line);
        return false;
    }
    rec++;
    len--;

    for (i = 0; i < len; i++) {
        if (hex_digit(rec[i]) < 0) {
            if (g_ascii_isprint(rec[i])) {
                error_setg(errp, "%s:%u: invalid character '%c' in column %u",
                           p->name, p->line, rec[i], i + 2);
            } else {
                error_setg(errp, "%s:%u: invalid byte 0x%02x in column %u",
                           p->name, p->line, (uint8_t)rec[i], i + 2);
            }
            return false;
        }
    }
    if (len < 2 * REC_OVERHEAD) {
        error_setg(errp, "%s:%u: record is truncated", p->name, p->line);
        return false;
    }
    if (len % 2) {
        error_setg(errp, "%s:%u: record has an odd number of hex digits",
                   p->name, p->line);
        return false;
    }

    count = hex_digit(rec[0]) << 4 | hex_digit(rec[1]);
    nbytes = len / 2;
    if (nbytes < count + REC_OVERHEAD) {
        error_setg(errp, "%s:%u: record is truncated: its byte count is %u "
                   "but it holds %u data bytes", p->name, p->line, count,
                   nbytes - REC_OVERHEAD);
        return false;
    }
    if (nbytes > count + REC_OVERHEAD) {
        error_setg(errp, "%s:%u: bad record length: its byte count is %u "
                   "but it holds %u data bytes", p->name, p->line, count,
                   nbytes - REC_OVERHEAD);
        return false;
    }

    sum = 0;
    for (i = 0; i < nbytes; i++) {
        bytes[i] = hex_digit(rec[2 * i]) << 4 | hex_digit(rec[2 * i + 1]);
        sum += bytes[i];
    }
    if (sum & 0xff) {
        error_setg(errp, "%s:%u: bad checksum 0x%02X, expected 0x%02X",
                   p->name, p->line, bytes[nbytes - 1],
                   (uint8_t)(bytes[nbytes - 1] - sum));
        return false;
    }

    offset = bytes[1] << 8 | bytes[2];
    type = bytes[3];
    data = &bytes[4];

    /*
     * MakeCode appends its compressed source as Other Data records
     * after the end-of-file record.  Flashing stops at end-of-file, so
     * such records are checked but never loaded.
     */
    if (p->seen_eof) {
        if (type == REC_DATA || type == REC_CUSTOM_DATA) {
            error_setg(errp, "%s:%u: data record after the end-of-file "
                       "record", p->name, p->line);
            return false;
        }
        return true;
    }

    switch (type) {
    case REC_DATA:
        if (p->in_block && !p->block_is_v1) {
            return true;    /* another board's data */
        }
        return load_data(p, offset, data, count, regions, nregions,
                         fn, opaque, errp);
    case REC_EOF:
        if (count != 0) {
            error_setg(errp, "%s:%u: end-of-file record with data",
                       p->name, p->line);
            return false;
        }
        p->seen_eof = true;
        return true;
    case REC_EXT_SEGMENT:
    case REC_EXT_LINEAR:
        if (count != 2) {
            error_setg(errp, "%s:%u: extended address record must hold "
                       "2 bytes, not %u", p->name, p->line, count);
            return false;
        }
        p->base = (uint32_t)(data[0] << 8 | data[1]) <<
                  (type == REC_EXT_LINEAR ? 16 : 4);
        return true;
    case REC_START_SEGMENT:
    case REC_START_LINEAR:
        /* A Cortex-M starts from its vector table, not an entry point */
        if (count != 4) {
            error_setg(errp, "%s:%u: start address record must hold "
                       "4 bytes, not %u", p->name, p->line, count);
            return false;
        }
        return true;
    case REC_BLOCK_START:
        if (count < 2) {
            error_setg(errp, "%s:%u: block start record without a board ID",
                       p->name, p->line);
            return false;
        }
        p->universal = true;
        p->in_block = true;
        p->block_is_v1 = board_is_v1(data[0] << 8 | data[1]);
        p->seen_v1 |= p->block_is_v1;
        note_board(p, data[0] << 8 | data[1]);
        return true;
    case REC_BLOCK_END:
        p->in_block = false;
        return true;
    case REC_PADDED_DATA:
    case REC_CUSTOM_DATA:
    case REC_OTHER_DATA:
        return true;
    default:
        error_setg(errp, "%s:%u: unknown record type 0x%02X",
                   p->name, p->line, type);
        return false;
    }
}

bool microbit_hex_parse(const char *name, const char *buf, size_t len,
                        const MicrobitHexRegion *regions, size_t nregions,
                        MicrobitHexDataFunc *fn, void *opaque, Error **errp)
{
    HexParser p = { .name = name };
    const char *end = buf + len;
    const char *line = buf;

    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
        line += 3;
    }

    while (line < end) {
        const char *eol = memchr(line, '\n', end - line);
        const char *next = eol ? eol + 1 : end;
        const char *last = eol ? eol : end;

        p.line++;
        while (line < last && is_blank(*line)) {
            line++;
        }
        while (last > line && is_blank(last[-1])) {
            last--;
        }
        if (last > line &&
            !parse_record(&p, line, last - line, regions, nregions,
                          fn, opaque, errp)) {
            return false;
        }
        line = next;
    }

    if (!p.seen_eof) {
        error_setg(errp, "%s:%u: missing end-of-file record", name,
                   MAX(p.line, 1));
        return false;
    }
    if (p.universal && !p.seen_v1) {
        g_autoptr(GString) ids = g_string_new("");
        unsigned i;

        for (i = 0; i < p.nboards; i++) {
            g_string_append_printf(ids, "%s0x%04X", i ? ", " : "",
                                   p.boards[i]);
        }
        error_setg(errp, "%s: this Universal Hex has no micro:bit V1 "
                   "(nRF51) section: it holds board ID %s, and a V1 "
                   "needs 0x%04X or 0x%04X", name, ids->str,
                   MICROBIT_HEX_BOARD_V1, MICROBIT_HEX_BOARD_V1_5);
        return false;
    }
    return true;
}

/* A region's image as the file fills it, and the extent it filled */
typedef struct HexImage {
    const MicrobitHexRegion *region;
    uint8_t *data;
    uint32_t lo;
    uint32_t hi;
} HexImage;

typedef struct HexImages {
    HexImage *img;
    size_t n;
} HexImages;

static void collect_data(void *opaque, uint32_t addr, const uint8_t *data,
                         size_t len)
{
    HexImages *images = opaque;
    HexImage *img;
    uint32_t off;
    size_t i;

    /* The parser has checked that the record lies within one region */
    for (i = 0; i < images->n; i++) {
        img = &images->img[i];
        if (addr >= img->region->base &&
            addr - img->region->base + len <= img->region->size) {
            off = addr - img->region->base;
            memcpy(img->data + off, data, len);
            img->lo = MIN(img->lo, off);
            img->hi = MAX(img->hi, off + len);
            return;
        }
    }
}

bool microbit_hex_load(const char *name, const char *buf, size_t len,
                       const MicrobitHexRegion *regions, size_t nregions,
                       MicrobitHexProgramFunc *program, void *opaque,
                       Error **errp)
{
    g_autofree HexImage *img = g_new0(HexImage, nregions);
    HexImages images = { img, nregions };
    bool ok;
    size_t i;

    for (i = 0; i < nregions; i++) {
        img[i].region = &regions[i];
        img[i].data = g_malloc(regions[i].size);
        memset(img[i].data, 0xff, regions[i].size);
        img[i].lo = regions[i].size;
    }

    ok = microbit_hex_parse(name, buf, len, regions, nregions,
                            collect_data, &images, errp);
    for (i = 0; i < nregions; i++) {
        if (ok && img[i].hi > img[i].lo) {
            ok = program(opaque, regions[i].base + img[i].lo,
                         img[i].data + img[i].lo, img[i].hi - img[i].lo,
                         errp);
        }
        g_free(img[i].data);
    }
    return ok;
}
