// Candidates beyond the ente itself: where a procedure lets the ambito act, a member Comune's task goes to
// the people of the ambito's Comune capofila (with the same role and area); a Comune in no ambito keeps
// its own. The task's ente stays the member: its matter, the capofila's hands.
import type { Db } from '../../prisma/client';
import type { Area, Ruolo, TaskCandidates } from '../../workflows/shared/actor';

export function createAmbitoActivities(db: Db) {
  return {
    async ambitoCandidates(input: { enteId: string; role: Ruolo; area: Area | null }): Promise<TaskCandidates> {
      const membership = await db.ambitoComune.findUnique({ where: { enteId: input.enteId }, select: { ambito: { select: { capofilaEnteId: true } } } });
      return { candidateEnteId: membership?.ambito.capofilaEnteId ?? input.enteId, candidateRole: input.role, candidateArea: input.area };
    },
  };
}
