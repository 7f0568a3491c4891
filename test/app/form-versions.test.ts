// No lost edits, no duplicates: an edit form carries the version it was opened at, and a save over a newer
// save is refused with a Vietnamese message that keeps what the user typed; a create form carries a
// one-time key, and the same form posted twice makes one record.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action as newDossierAction, loader as newDossierLoader } from "~/routes/ho-so.moi.tsx";
import { action as proposalAction, loader as proposalLoader } from "~/routes/ho-so.$dossierId.to-trinh.tsx";
import { action as newPersonAction, loader as newPersonLoader } from "~/routes/ca-nhan.moi.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createDraftDossier, createMovement, requestAs, type Staff } from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;
let movementId: string;
const context = { clientIp: "198.51.100.20" };

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff();
  movementId = (await createMovement(staff.commune.id)).id;
});
afterAll(() => db.destroy());

async function post(userId: string, path: string, fields: Record<string, string>) {
  return requestAs(userId, path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

type Reply = {
  data: { status?: string; error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> };
  init: ResponseInit | null;
};

describe("two tabs on one Tờ trình", () => {
  test("the second save is refused with a message, keeps its text, and saves once the user chooses to overwrite", async () => {
    const dossierId = await createDraftDossier({ officialId: staff.official.id, movementId, unitId: staff.justice.id });
    const path = `/ho-so/${dossierId}/to-trinh`;
    const open = async () => {
      const page = await proposalLoader({ request: await requestAs(staff.official.id, path), params: { dossierId }, context });
      return (page as Exclude<typeof page, Response>).stamp;
    };
    const save = async (revision: string, reasons: string) =>
      proposalAction({
        request: await post(staff.official.id, path, { intent: "draft", revision, reasons }),
        params: { dossierId },
        context,
      });

    // Both tabs open the form before anything is saved.
    const [tab1, tab2] = [await open(), await open()];
    expect(tab1).toBe("new");
    expect(tab2).toBe("new");

    const first = await save(tab1, "Hoàn thành xuất sắc nhiệm vụ (bản của thẻ thứ nhất).");
    expect((first as Response).status).toBe(302);

    const second = (await save(tab2, "Lý do do thẻ thứ hai gõ, không được mất.")) as Reply;
    expect(second.init?.status).toBe(409);
    expect(second.data.error?.[""]?.join(" ")).toMatch(/^Tờ trình đề nghị khen thưởng đã được người khác lưu sau khi bạn mở trang/);
    // What the second tab typed comes back into its form (Conform refills the fields from it, JavaScript or not).
    expect(second.data.initialValue).toMatchObject({ reasons: "Lý do do thẻ thứ hai gõ, không được mất." });
    const stored = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "proposal" } } });
    expect(stored.data).toMatchObject({ reasons: "Hoàn thành xuất sắc nhiệm vụ (bản của thẻ thứ nhất)." });

    // The page the refusal is drawn on carries the newer revision: saving again is the user's choice to overwrite.
    const newer = await open();
    expect(newer).toBe(stored.updatedAt.toISOString());
    expect(((await save(newer, "Lý do do thẻ thứ hai gõ, không được mất.")) as Response).status).toBe(302);
    const overwritten = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "proposal" } } });
    expect(overwritten.data).toMatchObject({ reasons: "Lý do do thẻ thứ hai gõ, không được mất." });
    // And the old revision is stale again.
    expect(((await save(tab1, "Bản cũ")) as Reply).init?.status).toBe(409);
  });
});

describe("the same create form posted twice", () => {
  test("two identical POSTs to /ho-so/moi make one dossier and land on the same page", async () => {
    const page = await newDossierLoader({ request: await requestAs(staff.official.id, "/ho-so/moi"), params: {}, context });
    const { idempotencyKey } = page as Exclude<typeof page, Response>;
    const fields = {
      idempotencyKey,
      movementId,
      unitId: staff.justice.id,
      kind: "individual",
      subjectKind: "civil_servant",
      name: "Phạm Văn Gửi Hai Lần",
      gender: "male",
      awardForm: "commune_chairman_certificate",
    };
    const before = await prisma.dossier.count();
    const first = (await newDossierAction({
      request: await post(staff.official.id, "/ho-so/moi", fields),
      params: {},
      context,
    })) as Response;
    const second = (await newDossierAction({
      request: await post(staff.official.id, "/ho-so/moi", fields),
      params: {},
      context,
    })) as Response;
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(first.headers.get("Location")).toMatch(/^\/ho-so\/\w+$/);
    expect(await prisma.dossier.count()).toBe(before + 1);

    // A new form (a new key) makes a new dossier; another user cannot replay someone's key.
    const again = await newDossierLoader({ request: await requestAs(staff.official.id, "/ho-so/moi"), params: {}, context });
    const third = (await newDossierAction({
      request: await post(staff.official.id, "/ho-so/moi", {
        ...fields,
        idempotencyKey: (again as Exclude<typeof again, Response>).idempotencyKey,
      }),
      params: {},
      context,
    })) as Response;
    expect(third.headers.get("Location")).not.toBe(first.headers.get("Location"));
    expect(await prisma.dossier.count()).toBe(before + 2);
    const replay = await newDossierAction({ request: await post(staff.otherOfficial.id, "/ho-so/moi", fields), params: {}, context }).catch(
      (error: unknown) => error,
    );
    expect((replay as Response).status).toBe(403);
  });

  test("a refused POST does not use up its key: the corrected form, sent with the same key, is created once", async () => {
    const page = await newPersonLoader({ request: await requestAs(staff.secretary.id, "/ca-nhan/moi"), params: {}, context });
    const { idempotencyKey } = page as Exclude<typeof page, Response>;
    const fields = { idempotencyKey, unitId: staff.justice.id, kind: "civil_servant", fullName: "Đoàn Thị Sửa Lại", gender: "female" };
    const refused = (await newPersonAction({
      request: await post(staff.secretary.id, "/ca-nhan/moi", { ...fields, fullName: "" }),
      params: {},
      context,
    })) as Reply;
    expect(refused.init?.status).toBe(400);
    const created = (await newPersonAction({
      request: await post(staff.secretary.id, "/ca-nhan/moi", fields),
      params: {},
      context,
    })) as Response;
    const resent = (await newPersonAction({
      request: await post(staff.secretary.id, "/ca-nhan/moi", fields),
      params: {},
      context,
    })) as Response;
    expect(created.status).toBe(302);
    expect(resent.headers.get("Location")).toBe(created.headers.get("Location"));
    expect(await prisma.person.count({ where: { fullName: "Đoàn Thị Sửa Lại" } })).toBe(1);
  });
});
