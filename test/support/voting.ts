// A council of the commune, and screened dossiers to put before it.
import type { CouncilPosition } from "~/generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server.ts";
import { createUser } from "./factories.ts";
import type { createCommuneWithStaff } from "./workflow.ts";

type Staff = Awaited<ReturnType<typeof createCommuneWithStaff>>;

const NAMES = ["Lê Văn Phúc", "Phạm Thị Lan", "Võ Minh Tuấn", "Huỳnh Văn Sáu", "Trương Thị Ánh", "Đỗ Quang Vinh", "Mai Thị Hạnh"];

/** The chairman chairs, the secretary is the standing member, the others are members: `size` in all. */
export async function createCouncil(staff: Staff, size = 7, rules: { thresholdNum?: number; quorumNum?: number; quorumDen?: number } = {}) {
  const others = [];
  for (let i = 0; i < size - 2; i++) {
    others.push(
      await createUser({
        unitId: staff.commune.id,
        roles: [{ role: "council_member" }],
        fullName: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${i}` : ""),
      }),
    );
  }
  const seats: Array<{ userId: string; position: CouncilPosition }> = [
    { userId: staff.chairman.id, position: "chair" },
    { userId: staff.secretary.id, position: "standing_member" },
    ...others.map((user, i) => ({ userId: user.id, position: (i === 0 ? "vice_chair" : "member") as CouncilPosition })),
  ];
  for (const seat of seats.slice(0, 2)) {
    await prisma.roleAssignment.upsert({
      where: { userId_role_unitId: { userId: seat.userId, role: "council_member", unitId: staff.commune.id } },
      create: { userId: seat.userId, role: "council_member", unitId: staff.commune.id },
      update: {},
    });
  }
  const council = await prisma.council.create({
    data: {
      unitId: staff.commune.id,
      name: "Hội đồng Thi đua – Khen thưởng xã",
      termStart: new Date("2021-01-01T00:00:00Z"),
      ...rules,
      members: { create: seats },
    },
  });
  return { council, memberIds: seats.map((seat) => seat.userId), others };
}
