#include "docx/docx_watermark.h"

#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

// Word's own text-path shape type (o:spt 136, "PowerPlusWaterMark"), as Word writes it.
constexpr std::string_view kTextPathShapeType =
    R"(<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">)"
    R"(<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>)"
    R"(<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>)"
    R"(<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>)"
    R"(<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>)"
    R"(<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>)"
    R"(<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>)"
    R"(<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>)";

}  // namespace

void AppendWatermarkRun(std::string& out, std::string_view text) {
  out += "<w:r><w:rPr><w:noProof/></w:rPr><w:pict>";
  out += kTextPathShapeType;
  // Centred on the page margins, rotated 45 degrees, light grey at half opacity so the
  // text under it stays readable; z-index below the text.
  out +=
      R"(<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" )"
      R"(style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:146pt;rotation:315;)"
      R"(z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;)"
      R"(mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" )"
      R"(fillcolor="silver" stroked="f"><v:fill opacity=".5"/>)"
      R"(<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string=")";
  AppendXmlAttribute(out, text);
  out += R"("/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>)";
}

}  // namespace ehcp::docx
