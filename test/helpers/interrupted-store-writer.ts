/**
 * Run as a child process by test/store/sqlite-store.test.ts: opens the SQLite store in argv[2], starts one
 * transaction that inserts answers without end, says "inside" once it has written some, and waits to be killed.
 */
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';

const driver = await openSqliteDriver(process.argv[2]!);
await driver.transaction(async (tx) => {
  for (let n = 0; ; n += 1) {
    await tx.run(
      `INSERT INTO answers (platform, answer_id, image_sha256, top3, rating, model_version, created_at)
       VALUES ('discord', ?, 'torn', '[]', 5, 'torn', '2026-01-01T00:00:00.000Z')`,
      [`torn-${n}`],
    );
    if (n === 500) process.stdout.write('inside\n');
  }
});
