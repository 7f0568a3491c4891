// npm install (postinstall) and npm test: the embedded clusters that new embedded databases start from, empty
// and with this checkout's migrations applied (app/utils/pglite-template.server.ts). Does nothing when this
// installation has them already.
import path from "node:path";
import { ensureClusterTemplates } from "../utils/pglite-schema-template.server.ts";

const { file, made } = await ensureClusterTemplates();
if (made) console.log(`Đã chuẩn bị cụm cơ sở dữ liệu nhúng (${path.relative(process.cwd(), file)}): lần khởi động đầu nhanh hơn.`);
