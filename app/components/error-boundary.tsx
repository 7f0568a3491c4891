import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: "Yêu cầu không hợp lệ", text: "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại." },
  403: { title: "Không có quyền truy cập", text: "Bạn không có quyền xem trang này hoặc thực hiện thao tác này." },
  404: { title: "Không tìm thấy", text: "Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc đã bị chuyển đi." },
  405: { title: "Thao tác không được hỗ trợ", text: "Trang này không nhận thao tác vừa gửi. Vui lòng quay lại trang trước và thử lại." },
  409: { title: "Dữ liệu đã thay đổi", text: "Dữ liệu đã được người khác cập nhật. Vui lòng tải lại trang." },
  500: { title: "Đã có lỗi xảy ra", text: "Hệ thống gặp sự cố. Vui lòng thử lại sau ít phút." },
};

/** The one error view of the app: per-status messages in Vietnamese. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? MESSAGES[500]!;
  // A route may throw a Response with its own Vietnamese explanation. The router's own errors (no route
  // matches the URL, no action) carry an English "Error: …" for developers: never shown. (Their `internal`
  // flag does not reach the browser, so the text itself decides, the same on both sides of hydration.)
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  const detail = typeof data === "string" && data.trim() && !data.startsWith("Error: ") ? data : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page" role="alert">
      <p className="error-status">Lỗi {status}</p>
      <h1>{message.title}</h1>
      <p>{detail ?? message.text}</p>
      <p>
        <a href="/">Về trang chủ</a>
      </p>
    </section>
  );
}
