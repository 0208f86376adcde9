package crawl

import (
	"net"
	"net/http"
	"net/http/httptrace"
)

// withRemoteIP records the server's IP address for WARC-IP-Address.
func withRemoteIP(req *http.Request, ip *string) *http.Request {
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if addr, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
			*ip = addr.IP.String()
		}
	}}
	return req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
}

func httpStatusText(code int) string { return http.StatusText(code) }
