/*
 * The few reporting functions util/error.c calls, for the standalone
 * fuzzer: the parser only builds Error objects, it never reports them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"

int error_printf(const char *fmt, ...)
{
    abort();
}

void error_report(const char *fmt, ...)
{
    abort();
}

void warn_report(const char *fmt, ...)
{
    abort();
}
