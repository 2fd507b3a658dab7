/*
 * Intel HEX and micro:bit Universal Hex parser and loader
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_MICROBIT_HEX_H
#define HW_ARM_MICROBIT_HEX_H

/* An address range that data records may fill */
typedef struct MicrobitHexRegion {
    const char *name;
    uint32_t base;
    uint32_t size;
} MicrobitHexRegion;

/* Called for each data record that belongs to the nRF51 */
typedef void MicrobitHexDataFunc(void *opaque, uint32_t addr,
                                 const uint8_t *data, size_t len);

/* Universal Hex board IDs of the micro:bit V1 (nRF51822) */
#define MICROBIT_HEX_BOARD_V1       0x9900
#define MICROBIT_HEX_BOARD_V1_5     0x9901

/**
 * microbit_hex_probe:
 * @buf: file contents
 * @len: length of @buf
 *
 * Returns: true if @buf looks like an Intel HEX file, that is, its
 * first character other than white space is a colon.
 */
bool microbit_hex_probe(const char *buf, size_t len);

/**
 * microbit_hex_parse:
 * @name: the file name, for error messages
 * @buf: file contents
 * @len: length of @buf
 * @regions: the address ranges data may be loaded into
 * @nregions: the number of @regions
 * @fn: called for every data record to load
 * @opaque: passed to @fn
 * @errp: pointer to a NULL-initialized error object
 *
 * Parse an Intel HEX file (record types 0x00 to 0x05) or a micro:bit
 * Universal Hex (which adds the block records 0x0A to 0x0E).  Of a
 * Universal Hex only the micro:bit V1 section (board IDs 0x9900 and
 * 0x9901) is loaded.
 *
 * The whole file is checked, and @fn may be called before an error
 * further on is found: callers collect the data and use it only when
 * this returns true.  An error names the file and line.
 *
 * Returns: true on success, false with @errp set on malformed input.
 */
bool microbit_hex_parse(const char *name, const char *buf, size_t len,
                        const MicrobitHexRegion *regions, size_t nregions,
                        MicrobitHexDataFunc *fn, void *opaque, Error **errp);

/**
 * MicrobitHexProgramFunc:
 * @opaque: as passed to microbit_hex_load()
 * @addr: the address of the first byte of @data
 * @data: the bytes to program
 * @len: the length of @data
 * @errp: pointer to a NULL-initialized error object
 *
 * Programs one contiguous extent of a region into non-volatile memory.
 *
 * Returns: true on success, false with @errp set.
 */
typedef bool MicrobitHexProgramFunc(void *opaque, uint32_t addr,
                                    const uint8_t *data, size_t len,
                                    Error **errp);

/**
 * microbit_hex_load:
 * @name: the file name, for error messages
 * @buf: file contents
 * @len: length of @buf
 * @regions: the memories a file may fill, such as flash and UICR
 * @nregions: the number of @regions
 * @program: called once for each region the file writes to
 * @opaque: passed to @program
 * @errp: pointer to a NULL-initialized error object
 *
 * Load an Intel HEX or Universal Hex as a programmer does: parse the
 * whole file with microbit_hex_parse() into an erased (0xff) image of
 * each region and, only if it is well formed, hand each region's
 * image to @program, from the lowest to the highest byte the file
 * wrote (bytes in between that it did not write stay erased).  Nothing
 * is programmed from a malformed file.
 *
 * Returns: true on success, false with @errp set.
 */
bool microbit_hex_load(const char *name, const char *buf, size_t len,
                       const MicrobitHexRegion *regions, size_t nregions,
                       MicrobitHexProgramFunc *program, void *opaque,
                       Error **errp);

#endif
