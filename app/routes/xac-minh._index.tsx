// Public: type a certificate's serial to check it (the QR code leads straight to /xac-minh/<serial>).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { normalizeSerial } from "~/models/certificate.server.ts";

export const meta: MetaFunction = () => [{ title: "Xác minh Giấy khen · Thi đua – Khen thưởng" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("so");
  const serial = typed ? normalizeSerial(typed) : "";
  if (serial) return redirect(`/xac-minh/${encodeURIComponent(serial)}`);
  return { empty: typed !== null };
}

export default function VerifyForm() {
  const { empty } = useLoaderData<typeof loader>();
  return (
    <section className="verify">
      <h1>Xác minh Giấy khen</h1>
      <p>Nhập số hiệu in trên Giấy khen (góc dưới bên trái, cạnh mã QR), ví dụ: TP-2026-00012-K7QX.</p>
      <Form method="get" className="stack card">
        <label htmlFor="so">Số hiệu Giấy khen</label>
        <input id="so" name="so" type="text" required autoComplete="off" aria-invalid={empty || undefined} aria-describedby="so-error" />
        <p className="field-error" aria-live="polite" id="so-error">
          {empty ? "Vui lòng nhập số hiệu Giấy khen." : null}
        </p>
        <button type="submit" className="primary">
          Xác minh
        </button>
      </Form>
    </section>
  );
}
