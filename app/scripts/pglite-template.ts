// npm install (postinstall) and npm test: the empty embedded cluster that new embedded databases start from
// (app/utils/pglite-template.server.ts). Does nothing when this installation has it already.
import path from "node:path";
import { ensureEmptyClusterTemplate } from "../utils/pglite-template.server.ts";

const { file, made } = await ensureEmptyClusterTemplate();
if (made) console.log(`Đã chuẩn bị cụm cơ sở dữ liệu nhúng rỗng (${path.relative(process.cwd(), file)}): lần khởi động đầu nhanh hơn.`);
