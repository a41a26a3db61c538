/** The widget's CSS, scoped by its shadow root. Colours meet WCAG AA against their backgrounds. */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.launch{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;
 border:0;border-radius:28px;padding:14px 20px;background:#0b57d0;color:#fff;font-size:16px;font-weight:600;
 cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launch:hover{background:#0842a0}
.launch svg{width:22px;height:22px;fill:currentColor}
.badge{width:12px;height:12px;border-radius:50%;background:#c5221f;border:2px solid #fff}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f9ab00;outline-offset:2px}
.panel{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:380px;max-width:calc(100vw - 24px);
 height:600px;max-height:calc(100vh - 40px);display:flex;flex-direction:column;background:#fff;color:#1f1f1f;
 border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden;font-size:15px;line-height:1.4}
.panel[hidden],.launch[hidden],[hidden]{display:none!important}
@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}
header{display:flex;align-items:center;gap:8px;padding:12px 12px 12px 16px;background:#0b57d0;color:#fff}
header .t{flex:1;min-width:0}
header h2{margin:0;font-size:17px;font-weight:700}
header p{margin:0;font-size:13px;color:#fff}
header button{border:1px solid rgba(255,255,255,.7);background:transparent;color:#fff;border-radius:8px;
 min-width:40px;height:40px;font-size:14px;font-weight:700;cursor:pointer}
header button:hover{background:#0842a0}
.status{padding:8px 14px;font-size:14px;background:#fef7e0;color:#3c2a00;border-bottom:1px solid #f1d38a}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px;background:#f8f9fb}
.msg{max-width:85%;padding:9px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.out{align-self:flex-start;background:#fff;border:1px solid #dadce0;border-bottom-left-radius:4px}
.in{align-self:flex-end;background:#0b57d0;color:#fff;border-bottom-right-radius:4px}
.in.failed{background:#fce8e6;color:#8c1d18;border:1px solid #c5221f}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.note{font-size:13px;color:#444;align-self:center;text-align:center}
.err{font-size:14px;color:#8c1d18;align-self:stretch;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.err button{border:1px solid #8c1d18;background:#fff;color:#8c1d18;border-radius:8px;padding:6px 10px;cursor:pointer}
.msg a{color:inherit;font-weight:600}
.choices{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start;max-width:100%}
.choices button,.days button{border:1px solid #0b57d0;background:#fff;color:#0b57d0;border-radius:18px;
 padding:8px 12px;font-size:14px;cursor:pointer;min-height:40px}
.choices button:hover:not(:disabled),.days button:hover:not(:disabled){background:#e8f0fe}
.choices button:disabled,.days button:disabled{border-color:#c4c7c5;color:#5e5e5e;cursor:default}
.days{display:grid;grid-template-columns:repeat(auto-fill,minmax(96px,1fr));gap:6px;align-self:stretch}
.days button{border-radius:10px;padding:6px 4px;display:flex;flex-direction:column;align-items:center;line-height:1.2}
.days b{font-size:17px}
.days small{font-size:12px}
.typing{align-self:flex-start;display:flex;gap:4px;padding:12px 14px;background:#fff;border:1px solid #dadce0;border-radius:14px}
.typing i{width:7px;height:7px;border-radius:50%;background:#5e5e5e;animation:b 1.2s infinite}
.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}
@keyframes b{0%,60%,100%{opacity:.3}30%{opacity:1}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}}
.limit{margin:0;padding:8px 14px;font-size:14px;color:#8c1d18;background:#fce8e6;border-top:1px solid #c5221f}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #dadce0;background:#fff}
form input{flex:1;min-width:0;border:1px solid #757575;border-radius:20px;padding:10px 14px;font-size:16px;color:#1f1f1f}
form input::placeholder{color:#5e5e5e}
form button{border:0;border-radius:20px;padding:0 16px;background:#0b57d0;color:#fff;font-weight:600;font-size:15px;cursor:pointer}
form button:disabled{background:#757575}
`;
