import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used: migrations are SQL files applied by prisma/migrate.ts (see README).
export default defineConfig({ schema: 'prisma/schema.prisma' });
