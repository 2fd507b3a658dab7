/*
 * QTest helper for the micro:bit tests: migrate a machine through a file
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TESTS_QTEST_MICROBIT_MIGRATE_H
#define TESTS_QTEST_MICROBIT_MIGRATE_H

#include "libqtest.h"
#include "qobject/qdict.h"

/*
 * Save the state of the machine @from into a temporary file, then start
 * a machine with the options @args and load that state into it.  @from
 * is left stopped (and is the caller's to quit); the new machine is
 * returned once it runs.  The qtest clock is not part of the migrated
 * state: the new machine's is first set to the old one's, as the
 * virtual clock of a running machine would be.
 */
static inline QTestState *microbit_migrate(QTestState *from, const char *args)
{
    g_autofree char *path = NULL;
    g_autofree char *uri = NULL;
    QTestState *to;
    int64_t now = qtest_clock_step(from, 1);
    bool done = false;
    int fd;

    fd = g_file_open_tmp("microbit-migrate-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    uri = g_strdup_printf("file:%s", path);

    qtest_qmp_assert_success(from, "{ 'execute': 'migrate',"
                             "  'arguments': { 'uri': %s } }", uri);
    while (!done) {
        QDict *ret = qtest_qmp_assert_success_ref(from,
                                                  "{ 'execute': "
                                                  "'query-migrate' }");
        const char *status = qdict_get_try_str(ret, "status");

        if (status) {
            g_assert_cmpstr(status, !=, "failed");
            g_assert_cmpstr(status, !=, "cancelled");
            done = !strcmp(status, "completed");
        }
        qobject_unref(ret);
    }

    to = qtest_initf("%s -incoming defer", args);
    qtest_clock_set(to, now);
    qtest_qmp_assert_success(to, "{ 'execute': 'migrate-incoming',"
                             "  'arguments': { 'uri': %s } }", uri);
    qtest_qmp_eventwait(to, "RESUME");
    unlink(path);
    return to;
}

#endif
